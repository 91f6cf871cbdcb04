import type { BillingRoutes } from '@econtract/billing/routes';
import { Account } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';

/** Billing's grant keys of one referral; the new company exists for the new account only, so they are once per account. */
export const referralGrantKeys = (newCompanyId: string) => ({
  referrer: `referral:${newCompanyId}:referrer`,
  referee: `referral:${newCompanyId}:referee`,
});

/**
 * R-SIGNUP-4: the referral event plan for the referring company and the new one, granted only once
 * the new account's email is verified, so throwaway signups earn nothing. Billing grants once per
 * key, so a repeated call (a retried verification, the sweeper) adds nothing.
 */
export async function grantReferralReward(ctx: IdentityContext, accountId: string): Promise<boolean> {
  const em = ctx.em.fork();
  const account = await em.findOne(Account, { id: accountId });
  if (!account?.referrerCompanyId || !account.companyId || !account.emailVerifiedAt || account.referralGrantedAt) return false;
  if (account.referrerCompanyId !== account.companyId) {
    const keys = referralGrantKeys(account.companyId);
    const grant = (companyId: string, grantKey: string) =>
      ctx.services
        .to<BillingRoutes>('billing')
        .grant.event.mutate({ companyId, planCode: 'REFERRAL_EVENT', grantKey }, { context: { idempotencyKey: grantKey } });
    await grant(account.referrerCompanyId, keys.referrer);
    await grant(account.companyId, keys.referee);
  }
  await em.nativeUpdate(Account, { id: account.id, referralGrantedAt: null }, { referralGrantedAt: new Date() });
  return true;
}

/** Grants what a failed call left pending (billing was down when the email was verified). */
export async function grantPendingReferralRewards(ctx: IdentityContext): Promise<number> {
  const pending = await ctx.em.find(
    Account,
    { referrerCompanyId: { $ne: null }, referralGrantedAt: null, emailVerifiedAt: { $ne: null } },
    { limit: 50, orderBy: { createdAt: 'asc' }, fields: ['id'] },
  );
  let granted = 0;
  for (const { id } of pending) {
    try {
      if (await grantReferralReward(ctx, id)) granted++;
    } catch (error) {
      ctx.log.error({ err: error, accountId: id }, 'referral reward still not granted');
    }
  }
  return granted;
}
