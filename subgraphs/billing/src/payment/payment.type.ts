import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PaymentStatus {
  /** Prepared, not confirmed yet (not listed in `payments`). */
  READY = 'READY',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

/** A card payment for one plan (R-BILL-6); a row of `billing.payment`, one per order. */
@ObjectType('Payment')
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The order id given to the payment widget.' })
  orderId!: string;

  companyId!: string;
  planCode!: string;

  @Field(() => Int, { description: 'Total charged in KRW, VAT included.' })
  amountKrw!: number;

  @Field(() => Int, { description: 'Supply value (공급가액) = round(amountKrw / 1.1).' })
  supplyKrw!: number;

  @Field(() => Int, { description: 'VAT (부가세) = amountKrw − supplyKrw.' })
  vatKrw!: number;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => String, { nullable: true })
  cardCompany!: string | null;

  @Field(() => String, { nullable: true, description: 'Last four characters of the card number as the card company shows them.' })
  cardLast4!: string | null;

  @Field(() => String, { nullable: true, description: 'Card approval number (승인번호).' })
  approvalNumber!: string | null;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why the card company declined, in its words; null unless DECLINED." })
  declineReason!: string | null;

  @Field(() => Date, { description: 'When the order was prepared.' })
  createdAt!: Date;

}

export interface PaymentRow {
  id: string;
  order_id: string;
  company_id: string;
  plan_code: string;
  amount_krw: number;
  supply_krw: number;
  vat_krw: number;
  status: PaymentStatus;
  payment_key: string | null;
  card_company: string | null;
  card_last4: string | null;
  approval_number: string | null;
  approved_at: Date | string | null;
  decline_code: string | null;
  decline_message: string | null;
  created_at: Date | string;
}

export const toPayment = (row: PaymentRow): Payment =>
  Object.assign(new Payment(), {
    id: row.id,
    orderId: row.order_id,
    companyId: row.company_id,
    planCode: row.plan_code,
    amountKrw: row.amount_krw,
    supplyKrw: row.supply_krw,
    vatKrw: row.vat_krw,
    status: row.status,
    cardCompany: row.card_company,
    cardLast4: row.card_last4,
    approvalNumber: row.approval_number,
    approvedAt: row.approved_at ? new Date(row.approved_at) : null,
    declineReason: row.decline_message,
    createdAt: new Date(row.created_at),
  });

/** What the client hands to the payment widget. */
@ObjectType('PaymentOrder')
export class PaymentOrder {
  @Field(() => String, { description: 'Random order id for the widget and confirmPayment.' })
  orderId!: string;

  @Field(() => Int, { description: 'Amount to charge in KRW, VAT included, from the catalogue.' })
  amountKrw!: number;

  @Field(() => String, { description: 'Order name for the widget (the plan name).' })
  orderName!: string;

  planCode!: string;
}

@InputType('ConfirmPaymentInput')
export class ConfirmPaymentInput {
  @Field(() => String)
  orderId!: string;

  @Field(() => String, { description: 'The payment key the widget returned.' })
  paymentKey!: string;

  @Field(() => Int, { description: 'The amount the widget charged; must equal the order.' })
  amountKrw!: number;
}

/** R-BILL-6: the price includes 10% VAT; supply = round(amount / 1.1), VAT = the rest. */
export function splitVat(amountKrw: number): { supplyKrw: number; vatKrw: number } {
  const supplyKrw = Math.round(amountKrw / 1.1);
  return { supplyKrw, vatKrw: amountKrw - supplyKrw };
}
