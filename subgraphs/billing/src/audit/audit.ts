import { randomUUID } from 'node:crypto';
import type { EntityManager, SubgraphContext } from '@econtract/server-kit';

/** What happened; stable names, queried by support when a customer asks about a charge. */
export type AuditAction =
  | 'PAYMENT_PREPARED'
  | 'PAYMENT_APPROVED'
  | 'PAYMENT_DECLINED'
  | 'EVENT_GRANTED'
  | 'EVENT_GRANT_CANCELLED'
  | 'FREE_PASS_CLAIMED'
  | 'FREE_PASS_REFUSED';

export interface AuditEntry {
  companyId: string | null;
  action: AuditAction;
  targetType?: 'payment' | 'lot' | null;
  targetId?: string | null;
  amountKrw?: number | null;
  unitCount?: number | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one row to `billing.audit_event`. Pass the transaction's EntityManager so the entry
 * commits or rolls back with what it describes.
 */
export async function audit(em: EntityManager, ctx: Pick<SubgraphContext, 'viewer' | 'caller'>, entry: AuditEntry): Promise<void> {
  await em.execute(
    `insert into "billing"."audit_event" ("id", "company_id", "actor_user_id", "actor", "action", "target_type", "target_id", "amount_krw", "unit_count", "details")
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [
      randomUUID(),
      entry.companyId,
      ctx.viewer?.userId ?? null,
      // A person (login ID) or, for internal routes, the calling service.
      ctx.viewer ? `user:${ctx.viewer.loginId}` : `service:${ctx.caller}`,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.amountKrw ?? null,
      entry.unitCount ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}
