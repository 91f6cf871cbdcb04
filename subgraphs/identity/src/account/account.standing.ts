import { AccountRole, isUuid, type AccountStanding } from '@econtract/server-kit';
import { sessionIsOpen } from '../session/session.service.ts';
import { SignupState } from './account.entity.ts';
import type { IdentityContext } from '../context.ts';

/** Internal route for the gateway: may this account, in this sign-in, act right now? */
export async function accountStanding(body: { userId?: unknown; sessionId?: unknown }, ctx: IdentityContext): Promise<AccountStanding | null> {
  if (!isUuid(body.userId) || !isUuid(body.sessionId)) return null;
  const [account, open] = await Promise.all([ctx.loaders.accountById.load(body.userId), sessionIsOpen(ctx.em, body.userId, body.sessionId)]);
  if (!account) return null;
  return {
    userId: account.id,
    loginId: account.loginId,
    role: account.role === AccountRole.OPERATOR ? AccountRole.OPERATOR : AccountRole.MEMBER,
    active: open && account.emailVerifiedAt !== null && account.signupState === SignupState.ACTIVE && account.lockedAt === null,
  };
}
