import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What happened; stable names, queried by support when a customer asks about a charge. */
export type AuditAction =
  | 'PAYMENT_PREPARED'
  | 'PAYMENT_APPROVED'
  | 'PAYMENT_DECLINED'
  | 'EVENT_GRANTED'
  | 'EVENT_GRANT_CANCELLED'
  | 'FREE_PASS_CLAIMED'
  | 'FREE_PASS_REFUSED';

/** One entry of billing's audit trail (`billing.audit_event`); never changed once written. */
@Entity({ tableName: 'audit_event' })
@Index({ name: 'audit_event_company_id_occurred_at_idx', properties: ['companyId', 'occurredAt'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  companyId: string | null = null;

  /** The person who acted; null when a service did. */
  @Property({ type: 'uuid', nullable: true })
  actorUserId: string | null = null;

  /** `user:<loginId>`, or `service:<caller>` for internal routes. */
  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text' })
  action!: AuditAction;

  @Property({ type: 'text', nullable: true })
  targetType: 'payment' | 'lot' | null = null;

  @Property({ type: 'text', nullable: true })
  targetId: string | null = null;

  @Property({ type: 'integer', nullable: true })
  amountKrw: number | null = null;

  @Property({ type: 'integer', nullable: true })
  unitCount: number | null = null;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};

  @Property({ type: 'timestamptz' })
  occurredAt: Date = new Date();
}
