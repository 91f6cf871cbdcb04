import { randomUUID } from 'node:crypto';
import type { EntityManager, Viewer } from '@econtract/server-kit';

export const AuditTarget = { COMPANY: 'COMPANY', DEPARTMENT: 'DEPARTMENT', RANKS: 'RANKS', STAFF: 'STAFF' } as const;

export interface AuditChange {
  action: string;
  targetType: (typeof AuditTarget)[keyof typeof AuditTarget];
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records a change; call it with the transaction's EntityManager so the entry commits or rolls back with the change. */
export async function recordAudit(em: EntityManager, viewer: Viewer, change: AuditChange): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await em.execute(
    `insert into "organization"."audit_entry" ("id", "company_id", "actor_id", "action", "target_type", "target_id", "before", "after") values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [randomUUID(), viewer.member!.companyId, viewer.userId, change.action, change.targetType, change.targetId, json(change.before), json(change.after)],
  );
}
