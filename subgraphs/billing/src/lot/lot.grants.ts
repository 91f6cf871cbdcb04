import { LockMode } from '@mikro-orm/core';
import type { z } from 'zod';
import { badUserInput, conflict, msg } from '@econtract/server-kit';
import { audit } from '../audit/audit.ts';
import type { BillingContext } from '../context.ts';
import { PlanKind } from '../plan/plan.entity.ts';
import type { grantEventInput } from './grant.routes.ts';
import { insertLot } from './lot.insert.ts';
import { PrepaidLot } from './prepaid-lot.entity.ts';

type GrantEventResponse = { lotId: string; created: boolean };
type GrantCancelResponse = { cancelled: boolean };

/**
 * Internal route `grant.event` (identity's signup): grants an event plan's lot to a company, once
 * per `grantKey`. A retry, even a concurrent one, gets the same lot back with `created: false`.
 */
export async function grantEvent(request: z.infer<typeof grantEventInput>, ctx: BillingContext): Promise<GrantEventResponse> {
  const plan = await ctx.loaders.planByCode.load(request.planCode);
  if (!plan || plan.kind !== PlanKind.EVENT)
    throw badUserInput(
      msg(`${request.planCode} is not an event plan in the catalogue.`, `${request.planCode}은(는) 요금제 목록에 있는 이벤트성 요금제가 아닙니다.`),
    );

  const grantedAt = new Date();
  // Two rounds at most: a second is needed only if the existing lot was cancelled between the statements.
  for (let attempt = 0; attempt < 2; attempt++) {
    // The lot and its audit entry commit together.
    const inserted = await ctx.em.transactional(async (tx) => {
      const id = await insertLot(tx, { companyId: request.companyId, plan, purchasedAt: grantedAt, grantKey: request.grantKey });
      if (id) {
        await audit(tx, ctx, {
          companyId: request.companyId,
          action: 'EVENT_GRANTED',
          targetType: 'lot',
          targetId: id,
          unitCount: plan.contractCount,
          details: { planCode: plan.code, grantKey: request.grantKey },
        });
      }
      return id;
    });
    if (inserted) return { lotId: inserted, created: true };
    // ON CONFLICT waited for the other inserter to commit, so this new statement's snapshot sees its lot.
    const lot = await ctx.em.findOne(PrepaidLot, { grantKey: request.grantKey }, { refresh: true });
    if (!lot) continue;
    if (lot.companyId !== request.companyId || lot.plan.code !== request.planCode) {
      throw conflict(
        msg(
          `Grant key ${request.grantKey} was already used for another company or plan.`,
          `지급 키 ${request.grantKey}은(는) 이미 다른 회사나 요금제에 사용되었습니다.`,
        ),
      );
    }
    return { lotId: lot.id, created: false };
  }
  throw new Error(`grant ${request.grantKey} kept disappearing between insert and read`);
}

/**
 * Internal route `grant.cancel`: undoes a grant of a signup that failed later. Only an unused lot
 * can go; a missing one is already undone (`cancelled: false`), a used one is a CONFLICT.
 */
export async function grantCancel(request: { grantKey: string }, ctx: BillingContext): Promise<GrantCancelResponse> {
  return ctx.em.transactional(async (tx) => {
    // `for update`: a unit being consumed from this lot meanwhile is counted before the lot may go.
    const lot = await tx.findOne(PrepaidLot, { grantKey: request.grantKey }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!lot) return { cancelled: false };
    if (lot.usedCount > 0) {
      throw conflict(
        msg(
          `The lot granted as ${request.grantKey} has been used (${lot.usedCount} contracts), so it cannot be cancelled.`,
          `${request.grantKey}(으)로 지급된 이용권은 이미 사용되어(${lot.usedCount}건) 취소할 수 없습니다.`,
        ),
      );
    }
    tx.remove(lot);
    await audit(tx, ctx, {
      companyId: lot.companyId,
      action: 'EVENT_GRANT_CANCELLED',
      targetType: 'lot',
      targetId: lot.id,
      details: { grantKey: request.grantKey },
    });
    return { cancelled: true };
  });
}
