import { randomUUID } from 'node:crypto';
import type { EntityManager, Viewer } from '@econtract/server-kit';

/** Organization's audit shape (`audit_entry`: actor, action, target, before, after), in documents' schema. */
export const AuditTarget = { CATEGORY: 'CATEGORY', TEMPLATE: 'TEMPLATE', CONTRACT: 'CONTRACT' } as const;

export interface AuditChange {
  companyId: string;
  action: string;
  targetType: (typeof AuditTarget)[keyof typeof AuditTarget];
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records a change; call it with the transaction's EntityManager so the entry commits or rolls back with the change. A null viewer is the service itself (the completion sweeper). */
export async function recordAudit(em: EntityManager, viewer: Viewer | null, change: AuditChange): Promise<void> {
  await recordAudits(em, viewer, [change]);
}

const AUDIT_ROWS_PER_STATEMENT = 500;

/** Records many changes (a bulk issuance) in a few multi-row statements, within the caller's transaction. */
export async function recordAudits(em: EntityManager, viewer: Viewer | null, changes: readonly AuditChange[]): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  for (let start = 0; start < changes.length; start += AUDIT_ROWS_PER_STATEMENT) {
    const chunk = changes.slice(start, start + AUDIT_ROWS_PER_STATEMENT);
    await em.execute(
      `insert into "documents"."audit_entry" ("id", "company_id", "actor_id", "action", "target_type", "target_id", "before", "after") values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((change) => [
        randomUUID(),
        change.companyId,
        viewer?.userId ?? null,
        change.action,
        change.targetType,
        change.targetId,
        json(change.before),
        json(change.after),
      ]),
    );
  }
}
