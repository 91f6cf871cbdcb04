import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Account, SignupState } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { loginKeyOf } from '../account/login-id.ts';
import { IdentityRateLimits, limitClient, lockForCounting } from '../security/rate-limits.ts';
import { sendEmailVerification, verifyEmailToken } from './email-verification.service.ts';
import { EmailVerification } from './one-time-token.entity.ts';

/** A new link at most this often per account, so the address cannot be flooded. */
const RESEND_INTERVAL_MS = 60_000;

@Resolver()
export class VerificationResolver {
  @Mutation(() => Boolean, { description: 'Verifies an email address with the token from the emailed link; the account can sign in afterwards.' })
  async verifyEmail(
    @Arg('token', () => String, { description: 'The token from the verification link.' }) token: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await verifyEmailToken(ctx, token);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Sends a new verification link to an unverified account. Always answers true, so it reveals nothing about which login IDs exist.',
  })
  async resendVerificationEmail(
    @Arg('loginId', () => String, { description: 'The login ID of the unverified account.' }) loginId: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await limitClient(ctx, IdentityRateLimits.verificationMailPerIp);
    const key = loginKeyOf(loginId);
    if (key.length > 64) return true;
    await ctx.em.transactional(async (em) => {
      const account = await em.findOne(Account, { loginKey: key, signupState: SignupState.ACTIVE, emailVerifiedAt: null });
      if (!account) return;
      // Parallel resends take turns, so each counts the links the one before it sent.
      await lockForCounting(em, `verification-mail:${account.id}`);
      const recent = await em.count(EmailVerification, { account: account.id, createdAt: { $gt: new Date(Date.now() - RESEND_INTERVAL_MS) } });
      if (recent === 0) await sendEmailVerification(em, ctx, account);
    });
    return true;
  }
}
