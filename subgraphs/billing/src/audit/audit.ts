import type { EntityManager, SubgraphContext } from '@econtract/server-kit';
import { AuditEvent } from './audit-event.entity.ts';

export type AuditEntry = Pick<AuditEvent, 'companyId' | 'action'> &
  Partial<Pick<AuditEvent, 'targetType' | 'targetId' | 'amountKrw' | 'unitCount' | 'details'>>;

/**
 * Writes one audit event at once. Pass the transaction's EntityManager so the entry commits or
 * rolls back with what it describes.
 */
export async function audit(em: EntityManager, ctx: Pick<SubgraphContext, 'viewer' | 'caller'>, entry: AuditEntry): Promise<void> {
  const event = Object.assign(new AuditEvent(), entry, {
    actorUserId: ctx.viewer?.userId ?? null,
    // A person (login ID) or, for internal routes, the calling service.
    actor: ctx.viewer ? `user:${ctx.viewer.loginId}` : `service:${ctx.caller}`,
  });
  await em.insert(event);
}
