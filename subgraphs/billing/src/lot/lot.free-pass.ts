import { AppError, badUserInput, companyOf, msg } from '@econtract/server-kit';
import { Ctx, Mutation, Resolver } from 'type-graphql';
import { audit } from '../audit/audit.ts';
import type { BillingContext } from '../context.ts';
import { PlanKind } from '../plan/plan.entity.ts';
import { lotExpiresAt } from './lot-expiry.ts';
import { insertLot } from './lot.insert.ts';
import { isUsable } from './lot.usable.ts';
import { PrepaidLot } from './prepaid-lot.entity.ts';

const FREE_PASS = 'FREE_PASS';
/** A date as people in Korea read it: the Asia/Seoul calendar day. */
const seoulDay = (instant: Date) => new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/**
 * R-BILL-2: grants the monthly free pass. Refused until one month after the previous claim (the
 * instant that claim's lot expires, `lotExpiresAt(claimedAt, 1)`), and while an event lot is still
 * usable. An advisory lock per company makes simultaneous claims take turns, so only one succeeds.
 */
export async function claimFreePass(ctx: BillingContext): Promise<PrepaidLot> {
  const companyId = companyOf(ctx.viewer)!;
  const plan = await ctx.loaders.planByCode.load(FREE_PASS);
  if (!plan || plan.kind !== PlanKind.FREE_PASS) throw badUserInput(msg('The free pass is not offered at the moment.', '현재 무료이용권을 제공하지 않습니다.'));
  let lotId: string;
  try {
    lotId = await ctx.em.transactional(async (tx) => {
      // Advisory lock: a company's claims take turns, so simultaneous claims see each other's lot and one succeeds.
      await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`free-pass:${companyId}`]);
      const now = new Date();
      const previous = await tx.findOne(PrepaidLot, { companyId, kind: PlanKind.FREE_PASS }, { orderBy: { purchasedAt: 'desc' } });
      if (previous) {
        const claimedAt = previous.purchasedAt;
        const nextClaim = lotExpiresAt(claimedAt, 1);
        if (now < nextClaim) {
          throw badUserInput(
            msg(
              `The free pass can be claimed once a month. You claimed it on ${seoulDay(claimedAt)}; the next one can be claimed from ${seoulDay(nextClaim)} (Korea time).`,
              `무료이용권은 한 달에 한 번 신청할 수 있습니다. ${seoulDay(claimedAt)}에 신청하셨으므로 ${seoulDay(nextClaim)}부터 다시 신청할 수 있습니다(한국 시간 기준).`,
            ),
            { reason: 'FREE_PASS_CLAIMED_THIS_MONTH', nextClaimAt: nextClaim.toISOString() },
          );
        }
      }
      const events = await tx.find(PrepaidLot, { companyId, kind: PlanKind.EVENT, expiresAt: { $gt: now } }, { orderBy: { expiresAt: 'desc' } });
      const event = events.find((lot) => isUsable(lot, now));
      if (event) {
        throw badUserInput(
          msg(
            `The free pass cannot be claimed while an event plan is in use. Your event plan can be used until ${seoulDay(new Date(event.expiresAt.getTime() - 1))} (Korea time) or until its units run out.`,
            `이벤트성 요금제를 사용 중일 때는 무료이용권을 신청할 수 없습니다. 사용 중인 이벤트성 요금제는 ${seoulDay(new Date(event.expiresAt.getTime() - 1))}까지(한국 시간 기준) 또는 잔여건수를 모두 사용할 때까지 이용할 수 있습니다.`,
          ),
          { reason: 'EVENT_PLAN_IN_USE' },
        );
      }
      const id = (await insertLot(tx, { companyId, plan, purchasedAt: now }))!;
      await audit(tx, ctx, { companyId, action: 'FREE_PASS_CLAIMED', targetType: 'lot', targetId: id, unitCount: plan.contractCount });
      return id;
    });
  } catch (error) {
    if (error instanceof AppError) {
      // The refusal is recorded too (outside the rolled-back transaction).
      await audit(ctx.em, ctx, { companyId, action: 'FREE_PASS_REFUSED', details: { reason: error.extensions.reason ?? error.code, message: error.message } });
    }
    throw error;
  }
  return ctx.em.findOneOrFail(PrepaidLot, lotId);
}

@Resolver(() => PrepaidLot)
export class FreePassResolver {
  @Mutation(() => PrepaidLot, {
    description:
      'Claims the monthly free pass (무료이용권): a lot valid for one month. Refused within a month of the last claim and while an event plan is usable. Total admin or individual member only.',
  })
  claimFreePass(@Ctx() ctx: BillingContext): Promise<PrepaidLot> {
    return claimFreePass(ctx);
  }
}
