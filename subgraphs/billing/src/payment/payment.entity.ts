import { randomUUID } from 'node:crypto';
import { BigIntType, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { connectionType } from '@econtract/server-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Plan } from '../plan/plan.entity.ts';

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

/** A card payment for one plan (R-BILL-6): one per order, from preparePayment to the provider's answer. */
@ObjectType('Payment', { description: 'A card payment for one plan; one per order.' })
@Entity({ tableName: 'payment' })
@Index({ name: 'payment_company_id_seq_idx', properties: ['companyId', 'seq'] })
export class Payment {
  @Field(() => ID, { description: "The payment's ID; pass it to `Company.paymentReceipt`." })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'The order id given to the payment widget.' })
  @Property({ type: 'text', unique: 'payment_order_id_unique' })
  orderId!: string;

  @Property({ type: 'uuid' })
  companyId!: string;

  @ManyToOne(() => Plan, { fieldName: 'plan_code' })
  plan!: Plan;

  @Field(() => Int, { description: 'Total charged in KRW, VAT included.' })
  @Property({ type: 'integer' })
  amountKrw!: number;

  @Field(() => Int, { description: 'Supply value (공급가액) = round(amountKrw / 1.1).' })
  @Property({ type: 'integer' })
  supplyKrw!: number;

  @Field(() => Int, { description: 'VAT (부가세) = amountKrw − supplyKrw.' })
  @Property({ type: 'integer' })
  vatKrw!: number;

  @Field(() => PaymentStatus, { description: 'Where the payment stands.' })
  @Enum({ items: () => PaymentStatus, type: 'text' })
  status: Opt<PaymentStatus> = PaymentStatus.READY;

  /** The member who prepared the order. */
  @Property({ type: 'uuid' })
  requestedBy!: string;

  /** The widget's payment key, once confirmPayment was called with it. */
  @Property({ type: 'text', nullable: true })
  paymentKey: string | null = null;

  @Field(() => String, { nullable: true, description: 'The card company, as it reported itself; null unless APPROVED.' })
  @Property({ type: 'text', nullable: true })
  cardCompany: string | null = null;

  @Field(() => String, { nullable: true, description: 'Last four characters of the card number as the card company shows them.' })
  @Property({ type: 'text', nullable: true })
  cardLast4: string | null = null;

  @Field(() => String, { nullable: true, description: 'Card approval number (승인번호).' })
  @Property({ type: 'text', nullable: true })
  approvalNumber: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the card company approved it; null unless APPROVED.' })
  @Property({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null = null;

  /** The provider's reason code for a decline (e.g. REJECT_CARD_COMPANY). */
  @Property({ type: 'text', nullable: true })
  declineCode: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why the card company declined, in its words; null unless DECLINED.' })
  @Property({ type: 'text', nullable: true, fieldName: 'decline_message' })
  declineReason: string | null = null;

  @Field(() => Date, { description: 'When the order was prepared.' })
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  /** Order of preparation (identity column): the history lists newest first by it, and cursors name it. */
  @Property({ type: new BigIntType('number'), autoincrement: true, returning: true })
  seq!: Opt<number>;
}

export const PaymentConnection = connectionType(Payment, 'Payment', "The company's settled card payments, newest first.");
export type PaymentConnection = InstanceType<typeof PaymentConnection>;
