import { PlanKind } from '../plan/plan.entity.ts';
import type { BillingContext } from '../context.ts';
import { isUsable } from '../lot/lot.usable.ts';
import { BillingAccount, BillingTier } from './billing-account.type.ts';

/** R-BILL-5: the tier, remaining units and next expiry of a company, from its usable lots. */
export async function billingAccountOf(ctx: BillingContext, companyId: string): Promise<BillingAccount> {
  const now = new Date();
  const usable = (await ctx.loaders.lotsByCompany.load(companyId)).filter((lot) => isUsable(lot, now));
  const tier = usable.some((lot) => lot.kind === PlanKind.PAID) ? BillingTier.PAID : usable.length > 0 ? BillingTier.EVENT : BillingTier.GENERAL;
  const expiries = usable.map((lot) => lot.expiresAt.getTime());
  return Object.assign(new BillingAccount(), {
    companyId,
    tier,
    remainingCount: usable.reduce((sum, lot) => sum + lot.chargedCount - lot.usedCount, 0),
    activeLots: usable,
    nextExpiry: expiries.length ? new Date(Math.min(...expiries)) : null,
  });
}
