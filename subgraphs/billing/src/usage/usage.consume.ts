import type { EntityDictionary } from '@mikro-orm/core';
import { AppError, ErrorCode, msg } from '@econtract/server-kit';
import type { BillingContext } from '../context.ts';
import { USABLE_LOT_SQL } from '../lot/lot.usable.ts';
import { PrepaidLot } from '../lot/prepaid-lot.entity.ts';
import { Usage } from './usage.entity.ts';
import type { UsageConsumeRequest } from './usage.routes.ts';

export const quotaExhausted = () =>
  new AppError(
    ErrorCode.QUOTA_EXHAUSTED,
    msg(
      "No contract units are left: every plan is used up or expired. Buy a plan (소호형 SOHO or 비즈니스형 BUSINESS) on the billing page, or claim this month's free pass (무료이용권), then complete the contract again.",
      '남은 계약 건수가 없습니다. 결제 관리에서 소호형(SOHO) 또는 비즈니스형(BUSINESS) 요금제를 구매하거나 이번 달 무료이용권을 받은 뒤 다시 계약을 완료해 주세요.',
    ),
  );

/**
 * Internal route `usage.consume` (documents, when a contract is completed): deducts one unit from
 * the company's usable lot bought first, once per contract id.
 *
 * One transaction: an advisory lock on (company, contract) makes simultaneous calls for one contract
 * take turns, so the second sees the first's usage row; `for update` on the oldest usable lot makes
 * calls for different contracts take turns per lot. After waiting, PostgreSQL re-checks the row
 * (`used_count < charged_count`) and moves on to the next lot, so no unit is lost or given twice.
 */
export async function consumeUsage(request: UsageConsumeRequest, ctx: BillingContext): Promise<{ lotId: string; usageId: string; consumed: boolean }> {
  return ctx.em.transactional(async (tx) => {
    // Advisory lock: calls for one contract take turns, so a repeat finds the first call's usage below.
    await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`usage:${request.companyId}:${request.contractId}`]);
    const existing = await tx.findOne(Usage, { companyId: request.companyId, contractId: request.contractId });
    if (existing) return { lotId: existing.lot.id, usageId: existing.id, consumed: false };

    // `for update`: calls take turns per lot, and after waiting PostgreSQL re-checks the row and moves on to the next lot.
    const [row] = await tx.execute<Array<EntityDictionary<PrepaidLot>>>(
      `select * from "billing"."prepaid_lot"
       where "company_id" = ? and ${USABLE_LOT_SQL}
       order by "purchased_at", "id"
       limit 1
       for update`,
      [request.companyId],
    );
    if (!row) throw quotaExhausted();
    const lot = tx.map(PrepaidLot, row);
    lot.usedCount += 1;
    const usage = tx.create(Usage, { companyId: request.companyId, contractId: request.contractId, lot, managementNumber: request.managementNumber ?? null });
    return { lotId: lot.id, usageId: usage.id, consumed: true };
  });
}

/** Units left in the company's usable lots (R-BILL-4: unexpired, not used up). */
export async function usableUnits(companyId: string, ctx: BillingContext): Promise<number> {
  const [row] = await ctx.em.execute<Array<{ units: string | null }>>(
    `select sum("charged_count" - "used_count") as "units" from "billing"."prepaid_lot" where "company_id" = ? and ${USABLE_LOT_SQL}`,
    [companyId],
  );
  return Number(row?.units ?? 0);
}
