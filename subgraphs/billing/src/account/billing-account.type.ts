import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PrepaidLot } from '../lot/prepaid-lot.entity.ts';

export enum BillingTier {
  /** Holds a usable bought plan (SOHO, BUSINESS). */
  PAID = 'PAID',
  /** No usable bought plan, but a usable event plan or free pass (R-BILL-3). */
  EVENT = 'EVENT',
  /** No usable plan at all: a general member, who cannot complete contracts (R-BILL-5). */
  GENERAL = 'GENERAL',
}
registerEnumType(BillingTier, {
  name: 'BillingTier',
  description: "A company's billing standing, from the prepaid lots it can use right now.",
  valuesConfig: {
    PAID: { description: 'Holds a usable bought plan (SOHO or BUSINESS).' },
    EVENT: { description: 'No usable bought plan, but a usable event plan or free pass.' },
    GENERAL: { description: 'No usable plan: a general member, who cannot complete contracts until buying a plan or claiming the free pass.' },
  },
});

/** A company's standing in billing, computed from its lots at the time of asking. */
@ObjectType('BillingAccount', { description: "A company's billing standing, computed from its prepaid lots at the time of asking." })
export class BillingAccount {
  companyId!: string;

  @Field(() => BillingTier, { description: 'PAID if any usable PAID lot, else EVENT if any usable EVENT or FREE_PASS lot, else GENERAL.' })
  tier!: BillingTier;

  @Field(() => Int, { description: 'Units left across usable lots (unexpired, not used up).' })
  remainingCount!: number;

  @Field(() => [PrepaidLot], { description: 'Usable lots, in the order units are deducted (oldest purchase first).' })
  activeLots!: PrepaidLot[];

  @Field(() => Date, { nullable: true, description: 'The earliest expiry among usable lots; null when there is none.' })
  nextExpiry!: Date | null;
}
