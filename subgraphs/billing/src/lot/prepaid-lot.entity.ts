import { BigIntType, Collection, type Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { connectionType } from '@econtract/server-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Plan, PlanKind } from '../plan/plan.entity.ts';
import { Usage } from '../usage/usage.entity.ts';

export enum LotStatus {
  /** Unexpired with units left: deductions come from such lots. */
  ACTIVE = 'ACTIVE',
  /** Every unit used (R-BILL-5). */
  EXHAUSTED = 'EXHAUSTED',
  /** Past `expiresAt`; never used again, whatever is left (R-BILL-4). */
  EXPIRED = 'EXPIRED',
}
registerEnumType(LotStatus, {
  name: 'LotStatus',
  description: "Whether a prepaid lot's units can still be used.",
  valuesConfig: {
    ACTIVE: { description: 'Unexpired with units left; contract units are deducted from such lots.' },
    EXHAUSTED: { description: 'Unexpired, but every unit has been used.' },
    EXPIRED: { description: 'Past `expiresAt`; whatever is left can no longer be used.' },
  },
});

/**
 * Contract units a company bought or was granted, usable until `expiresAt` (see `lotExpiresAt`).
 * `plan`, `remainingCount`, `status` and `usages` are resolved in lot.resolver.ts.
 */
@ObjectType('PrepaidLot', { description: 'Contract units from one purchase, free pass or event grant: an entry of the prepaid service history.' })
@Entity({ tableName: 'prepaid_lot' })
@Index({ name: 'prepaid_lot_company_id_purchased_at_idx', properties: ['companyId', 'purchasedAt'] })
export class PrepaidLot {
  @Field(() => ID, { description: "The lot's ID." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The organization subgraph's company (or personal workspace); another schema, so no foreign key. */
  @Property({ type: 'uuid' })
  companyId!: string;

  @ManyToOne(() => Plan, { fieldName: 'plan_code' })
  plan!: Plan;

  /** The plan's kind when the lot was made: bought, claimed free pass, or event grant. */
  @Field(() => PlanKind, { description: 'Bought (PAID), claimed (FREE_PASS) or granted (EVENT).' })
  @Enum({ items: () => PlanKind, type: 'text' })
  kind!: PlanKind;

  /** Contract units in the lot (the plan's contract count at the time). */
  @Field(() => Int, { description: 'Contract units in the lot.' })
  @Property({ type: 'integer' })
  chargedCount!: number;

  /** Units spent; the database keeps it between 0 and `chargedCount`. */
  @Field(() => Int, { description: 'Units deducted so far, one per completed contract.' })
  @Property({ type: 'integer' })
  usedCount: number = 0;

  /** When it was bought or granted. */
  @Field(() => Date, { description: 'When it was bought, claimed or granted; units are deducted from the earliest first.' })
  @Property({ type: 'timestamptz' })
  purchasedAt!: Date;

  /** First instant it is no longer usable: 00:00 Asia/Seoul after its last usable day. */
  @Field(() => Date, { description: 'First instant it is no longer usable: 00:00 Asia/Seoul after its last usable day.' })
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Idempotency key of a grant (e.g. `signup:<companyId>`); unique, null for other lots. */
  @Property({ type: 'text', nullable: true, unique: 'prepaid_lot_grant_key_unique' })
  grantKey: string | null = null;

  /** The card payment that bought it; unique, null for grants and free passes. */
  @Property({ type: 'uuid', nullable: true, unique: 'prepaid_lot_payment_id_unique' })
  paymentId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  /** Cursors name it (identity column). */
  @Property({ type: new BigIntType('number'), autoincrement: true, returning: true })
  seq!: Opt<number>;

  /** Read a page at a time (see the usage pages in context.ts), never as a whole. */
  @OneToMany(
    () => Usage,
    (usage) => usage.lot,
  )
  usageLedger = new Collection<Usage>(this);
}

export const PrepaidLotConnection = connectionType(PrepaidLot, 'PrepaidLot', "The company's prepaid lots, oldest purchase first.");
export type PrepaidLotConnection = InstanceType<typeof PrepaidLotConnection>;
