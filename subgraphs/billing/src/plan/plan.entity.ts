import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PlanKind {
  /** Bought with a card (R-BILL-1). */
  PAID = 'PAID',
  /** Claimed once a month at no cost (R-BILL-2). */
  FREE_PASS = 'FREE_PASS',
  /** Granted by an event: signup or referral (R-BILL-3). */
  EVENT = 'EVENT',
}
registerEnumType(PlanKind, {
  name: 'PlanKind',
  description: "How a plan's lots come to a company.",
  valuesConfig: {
    PAID: { description: 'Bought with a credit card, e.g. SOHO or BUSINESS.' },
    FREE_PASS: { description: 'The monthly free pass (무료이용권), claimed at no cost with claimFreePass.' },
    EVENT: { description: 'Granted by an event: the new-signup plan or the referral plan.' },
  },
});

/** One entry of the plan catalogue. */
@ObjectType({ description: 'An entry of the plan catalogue (요금제).' })
@Entity({ tableName: 'plan' })
export class Plan {
  /** Lets a payment or lot name its plan by code. */
  [PrimaryKeyProp]?: 'code';

  @Field(() => String, { description: 'Stable code, e.g. SOHO or BUSINESS.' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => String, { description: 'Display name, e.g. 소호형.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => PlanKind, { description: "How the plan's lots come to a company." })
  @Enum({ items: () => PlanKind, type: 'text' })
  kind!: PlanKind;

  @Field(() => Int, { description: 'Contracts the plan allows (one unit per completed contract).' })
  @Property({ type: 'integer' })
  contractCount!: number;

  @Field(() => Int, { description: 'Price in KRW, VAT included; 0 for grants.' })
  @Property({ type: 'integer' })
  priceKrw!: number;

  @Field(() => Int, { description: 'Calendar months from purchase or grant until the lot expires.' })
  @Property({ type: 'integer' })
  validityMonths!: number;

  @Field(() => Boolean, { description: 'Whether a member can buy it with a card.' })
  @Property({ type: 'boolean' })
  purchasable!: boolean;

  @Property({ type: 'integer' })
  sortOrder!: number;
}
