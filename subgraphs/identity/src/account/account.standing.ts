import { AccountRole, type AccountStanding } from '@econtract/server-kit';
import type { IdentityContext } from './account.loaders.ts';

/** Internal route for the gateway: may this account act right now? */
export async function accountStanding(body: { userId?: unknown }, ctx: IdentityContext): Promise<AccountStanding | null> {
  if (typeof body.userId !== 'string') return null;
  const account = await ctx.loaders.accountById.load(body.userId);
  if (!account) return null;
  return {
    userId: account.id,
    loginId: account.loginId,
    role: account.role === AccountRole.OPERATOR ? AccountRole.OPERATOR : AccountRole.MEMBER,
    active: account.emailVerifiedAt !== null,
  };
}
