import { Field, InputType, Int, ObjectType } from 'type-graphql';

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
