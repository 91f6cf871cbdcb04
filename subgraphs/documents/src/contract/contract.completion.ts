import type { BillingRoutes } from '@econtract/billing/routes';
import { AppError, ErrorCode, type Logger, type SubgraphContext } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { clock } from '../clock.ts';
import type { DocumentsContext } from '../context.ts';
import { ensureAllowedToSign, ensureCompletable, visibleContract } from './contract.service.ts';
import type { Contract } from './contract.type.ts';

/** Test seam: a fault injected right after billing consumed the unit, before the contract is marked COMPLETED. */
export const completionFaults: { afterConsume: ((contractId: string) => void | Promise<void>) | null } = { afterConsume: null };

interface Completing {
  id: string;
  companyId: string;
  managementNumber: string | null;
}

/**
 * R-BILL-7: completion and the unit it uses never disagree. Step 1 marks the contract COMPLETING
 * (its own transaction); step 2 asks billing to consume one unit keyed by the contract id
 * (idempotent: a repeat returns the same usage); step 3 marks it COMPLETED. A failure after step 1
 * leaves COMPLETING, which a retry of `completeContract` or the sweeper settles by repeating 2 and 3;
 * no unit left puts the contract back to SENT.
 */
export async function completeContract(ctx: DocumentsContext, id: string): Promise<Contract> {
  const viewer = ctx.viewer!;
  ensureAllowedToSign(viewer, await visibleContract(ctx.em, viewer, id));
  const completing = await ctx.em.transactional(async (tx) => {
    const contract = await visibleContract(tx, viewer, id, true);
    ensureCompletable(contract);
    if (contract.status === 'SENT') {
      await tx.execute(`update "documents"."contract" set "status" = 'COMPLETING', "updated_at" = ? where "id" = ?`, [clock.now(), contract.id]);
    }
    return { id: contract.id, companyId: contract.companyId, managementNumber: contract.managementNumber };
  });
  await settleCompletion(ctx, completing);
  return visibleContract(ctx.em, viewer, id);
}

/** Steps 2 and 3 for a COMPLETING contract; safe to repeat any number of times. */
export async function settleCompletion(ctx: SubgraphContext<any>, contract: Completing): Promise<void> {
  try {
    await ctx.services
      .to<BillingRoutes>('billing')
      .usage.consume.mutate({ companyId: contract.companyId, contractId: contract.id, managementNumber: contract.managementNumber });
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.QUOTA_EXHAUSTED) {
      // Nothing was consumed: the contract goes back to SENT, to be completed once a plan is bought.
      await ctx.em.execute(`update "documents"."contract" set "status" = 'SENT', "updated_at" = ? where "id" = ? and "status" = 'COMPLETING'`, [
        clock.now(),
        contract.id,
      ]);
    }
    throw error;
  }
  await completionFaults.afterConsume?.(contract.id);
  await ctx.em.transactional(async (tx) => {
    const now = clock.now();
    const rows = await tx.execute<Array<{ id: string }>>(
      `update "documents"."contract" set "status" = 'COMPLETED', "completed_at" = ?, "updated_at" = ? where "id" = ? and "status" = 'COMPLETING' returning "id"`,
      [now, now, contract.id],
    );
    if (rows.length) {
      await recordAudit(tx, ctx.viewer, {
        companyId: contract.companyId,
        action: 'CONTRACT_COMPLETED',
        targetType: AuditTarget.CONTRACT,
        targetId: contract.id,
        before: { status: 'SENT' },
        after: { status: 'COMPLETED' },
      });
    }
  });
}

/** Settles contracts left COMPLETING for longer than `olderThanMs` (a crash or fault between the steps). Returns how many it settled. */
export async function sweepCompletions(createContext: () => SubgraphContext<any>, log: Pick<Logger, 'warn'>, olderThanMs: number): Promise<number> {
  const ctx = createContext();
  const rows = await ctx.em.execute<Array<{ id: string; company_id: string; management_number: string | null }>>(
    `select "id", "company_id", "management_number" from "documents"."contract" where "status" = 'COMPLETING' and "updated_at" <= ? order by "updated_at" limit 100`,
    [new Date(clock.now().getTime() - olderThanMs)],
  );
  let settled = 0;
  for (const row of rows) {
    try {
      await settleCompletion(createContext(), { id: row.id, companyId: row.company_id, managementNumber: row.management_number });
      settled += 1;
    } catch (error) {
      log.warn({ err: error, contractId: row.id }, 'completion not settled yet');
    }
  }
  return settled;
}

/** SubgraphDefinition.background: the completion sweeper, every minute, for contracts COMPLETING for over a minute. */
export function startCompletionSweeper(running: { createContext: () => SubgraphContext<any>; log: Logger }): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    sweepCompletions(running.createContext, running.log, 60_000)
      .catch((error) => running.log.error({ err: error }, 'completion sweep failed'))
      .finally(() => (busy = false));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
