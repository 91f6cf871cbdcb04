import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Plan, PlanKind } from '../plan/plan.entity.ts';

/**
 * Contract units a company bought or was granted, usable until `expiresAt` (see `lotExpiresAt`).
 * Not in the GraphQL schema yet.
 */
@Entity({ tableName: 'prepaid_lot' })
@Index({ name: 'prepaid_lot_company_id_purchased_at_idx', properties: ['companyId', 'purchasedAt'] })
export class PrepaidLot {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The organization subgraph's company (or personal workspace); another schema, so no foreign key. */
  @Property({ type: 'uuid' })
  companyId!: string;

  @ManyToOne(() => Plan, { fieldName: 'plan_code' })
  plan!: Plan;

  /** The plan's kind when the lot was made: bought, claimed free pass, or event grant. */
  @Enum({ items: () => PlanKind, type: 'text' })
  kind!: PlanKind;

  /** Contract units in the lot (the plan's contract count at the time). */
  @Property({ type: 'integer' })
  chargedCount!: number;

  /** Units spent; the database keeps it between 0 and `chargedCount`. */
  @Property({ type: 'integer' })
  usedCount: number = 0;

  /** When it was bought or granted. */
  @Property({ type: 'timestamptz' })
  purchasedAt!: Date;

  /** First instant it is no longer usable: 00:00 Asia/Seoul after its last usable day. */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Idempotency key of a grant (e.g. `signup:<companyId>`); unique, null for other lots. */
  @Property({ type: 'text', nullable: true, unique: 'prepaid_lot_grant_key_unique' })
  grantKey: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
