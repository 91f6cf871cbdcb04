import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PaymentStatus {
  /** Prepared, not confirmed yet (not listed in `payments`). */
  READY = 'READY',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
}
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a card payment stands.',
  valuesConfig: {
    READY: { description: 'Prepared with preparePayment, not confirmed yet; such payments are not listed in `payments`.' },
    APPROVED: { description: 'The card company approved it, and its plan was added as a prepaid lot.' },
    DECLINED: { description: 'The card company declined it; nothing was charged.' },
  },
});

/** A card payment for one plan (R-BILL-6); a row of `billing.payment`, one per order. */
@ObjectType('Payment', { description: 'A card payment for one plan; one per order.' })
export class Payment {
  @Field(() => ID, { description: "The payment's ID; pass it as `after` to get the next page, or to `Company.paymentReceipt`." })
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

  @Field(() => PaymentStatus, { description: 'Where the payment stands.' })
  status!: PaymentStatus;

  @Field(() => String, { nullable: true, description: 'The card company, as it reported itself; null unless APPROVED.' })
  cardCompany!: string | null;

  @Field(() => String, { nullable: true, description: 'Last four characters of the card number as the card company shows them.' })
  cardLast4!: string | null;

  @Field(() => String, { nullable: true, description: 'Card approval number (승인번호).' })
  approvalNumber!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the card company approved it; null unless APPROVED.' })
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
@ObjectType('PaymentOrder', { description: 'An order made by preparePayment: what the client hands to the payment widget.' })
export class PaymentOrder {
  @Field(() => String, { description: 'Random order id for the widget and confirmPayment.' })
  orderId!: string;

  @Field(() => Int, { description: 'Amount to charge in KRW, VAT included, from the catalogue.' })
  amountKrw!: number;

  @Field(() => String, { description: 'Order name for the widget (the plan name).' })
  orderName!: string;

  planCode!: string;
}

@InputType('ConfirmPaymentInput', { description: 'What the payment widget returned for an order.' })
export class ConfirmPaymentInput {
  @Field(() => String, { description: 'The order id from preparePayment.' })
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
