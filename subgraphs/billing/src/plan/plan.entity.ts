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
registerEnumType(PlanKind, { name: 'PlanKind' });

/** One entry of the plan catalogue. */
@ObjectType()
@Entity({ tableName: 'plan' })
export class Plan {
  /** Lets a payment or lot name its plan by code. */
  [PrimaryKeyProp]?: 'code';

  @Field(() => String, { description: 'Stable code, e.g. SOHO or BUSINESS.' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => PlanKind)
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
