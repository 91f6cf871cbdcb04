import type { z } from 'zod';
import {
  badUserInput,
  parseContract,
  conflict,
  grantCancelRequest,
  grantEventRequest,
  type grantCancelResponse,
  type grantEventResponse,
} from '@econtract/server-kit';
import { audit } from '../audit/audit.ts';
import type { BillingContext } from '../context.ts';
import { PlanKind } from '../plan/plan.entity.ts';
import { insertLot } from './lot.insert.ts';

type GrantEventResponse = z.infer<typeof grantEventResponse>;
type GrantCancelResponse = z.infer<typeof grantCancelResponse>;

/**
 * Internal route `grants/event` (identity's signup): grants an event plan's lot to a company, once
 * per `grantKey`. A retry, even a concurrent one, gets the same lot back with `created: false`.
 */
export async function grantEvent(body: unknown, ctx: BillingContext): Promise<GrantEventResponse> {
  const request = parseContract(grantEventRequest, body);
  const plan = await ctx.loaders.planByCode.load(request.planCode);
  if (!plan || plan.kind !== PlanKind.EVENT) throw badUserInput(`${request.planCode} is not an event plan in the catalogue.`);

  const grantedAt = new Date();
  // Two rounds at most: a second is needed only if the existing lot was cancelled between the statements.
  for (let attempt = 0; attempt < 2; attempt++) {
    // The lot and its audit entry commit together.
    const inserted = await ctx.em.transactional(async (tx) => {
      const id = await insertLot(tx, { companyId: request.companyId, plan, purchasedAt: grantedAt, grantKey: request.grantKey });
      if (id) {
        await audit(tx, ctx, { companyId: request.companyId, action: 'EVENT_GRANTED', targetType: 'lot', targetId: id, unitCount: plan.contractCount, details: { planCode: plan.code, grantKey: request.grantKey } });
      }
      return id;
    });
    if (inserted) return { lotId: inserted, created: true };
    // ON CONFLICT waited for the other inserter to commit, so this new statement's snapshot sees its lot.
    const existing = await ctx.em.execute<Array<{ id: string; company_id: string; plan_code: string }>>(
      `select "id", "company_id", "plan_code" from "billing"."prepaid_lot" where "grant_key" = ?`,
      [request.grantKey],
    );
    const lot = existing[0];
    if (!lot) continue;
    if (lot.company_id !== request.companyId || lot.plan_code !== request.planCode) {
      throw conflict(`Grant key ${request.grantKey} was already used for another company or plan.`);
    }
    return { lotId: lot.id, created: false };
  }
  throw new Error(`grant ${request.grantKey} kept disappearing between insert and read`);
}

/**
 * Internal route `grants/cancel`: undoes a grant of a signup that failed later. Only an unused lot
 * can go; a missing one is already undone (`cancelled: false`), a used one is a CONFLICT.
 */
export async function grantCancel(body: unknown, ctx: BillingContext): Promise<GrantCancelResponse> {
  const request = parseContract(grantCancelRequest, body);
  const cancelled = await ctx.em.transactional(async (tx) => {
    const deleted = await tx.execute<Array<{ id: string; company_id: string }>>(
      `delete from "billing"."prepaid_lot" where "grant_key" = ? and "used_count" = 0 returning "id", "company_id"`,
      [request.grantKey],
    );
    if (deleted[0]) {
      await audit(tx, ctx, { companyId: deleted[0].company_id, action: 'EVENT_GRANT_CANCELLED', targetType: 'lot', targetId: deleted[0].id, details: { grantKey: request.grantKey } });
    }
    return deleted.length > 0;
  });
  if (cancelled) return { cancelled: true };
  // A fresh statement, so a lot spent concurrently (the delete skipped it) is seen as spent.
  const remaining = await ctx.em.execute<Array<{ used_count: number }>>(
    `select "used_count" from "billing"."prepaid_lot" where "grant_key" = ?`,
    [request.grantKey],
  );
  if (remaining[0]) throw conflict(`The lot granted as ${request.grantKey} has been used (${remaining[0].used_count} contracts), so it cannot be cancelled.`);
  return { cancelled: false };
}
