import { randomUUID } from 'node:crypto';
import { badUserInput, type EntityManager, msg } from '@econtract/server-kit';
import type { Account } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { IdentitySettings } from '../identity.settings.ts';
import { newSecret, sameDigest, tokenDigest } from '../security/secrets.ts';
import { grantReferralReward } from '../signup/referral-reward.ts';
import { EmailVerification } from './one-time-token.entity.ts';

/** The ref of mails about one account, by which an undone registration withdraws them. */
export const accountMailRef = (accountId: string) => `account:${accountId}`;

/**
 * Sends a verification link to `email` (the account's, or a new address being confirmed); joins
 * `em`'s transaction. `holdSeconds` keeps it from being mailed for a while, so an action that may
 * still be undone elsewhere (staff registration) can withdraw it.
 */
export async function sendEmailVerification(
  em: EntityManager,
  ctx: IdentityContext,
  account: Account,
  email = account.email,
  options: { holdSeconds?: number } = {},
): Promise<void> {
  const token = newSecret();
  em.create(EmailVerification, {
    id: randomUUID(),
    account,
    email,
    tokenHash: tokenDigest(ctx.env, token),
    expiresAt: new Date(Date.now() + IdentitySettings.emailVerificationLifetimeMs),
  } as EmailVerification);
  await em.flush();
  const link = new URL(`/verify-email?token=${encodeURIComponent(token)}`, ctx.env.PUBLIC_APP_URL).toString();
  await ctx.notifier.send(
    {
      channel: 'email',
      to: email,
      subject: '[전자계약] 이메일 인증 / Verify your email address',
      text: [
        `${account.name}님, 아래 링크를 눌러 이메일 주소를 인증해 주세요. (24시간 동안 유효)`,
        `Follow this link within 24 hours to verify your email address and activate your account (login ID: ${account.loginId}):`,
        link,
        `Verification token: ${token}`,
      ].join('\n\n'),
      ref: accountMailRef(account.id),
      holdSeconds: options.holdSeconds,
    },
    em,
  );
}

const INVALID_LINK = msg(
  'This verification link is invalid, already used or expired. Request a new verification email.',
  '유효하지 않거나 이미 사용되었거나 만료된 인증 링크입니다. 인증 메일을 다시 요청해 주세요.',
);

/** R-SIGNUP-5: follows the link once; the address it was sent to becomes the verified address. */
export async function verifyEmailToken(ctx: IdentityContext, token: string): Promise<Account> {
  const digest = tokenDigest(ctx.env, token);
  const verified = await ctx.em.transactional(async (em) => {
    const row = await em.findOne(EmailVerification, { tokenHash: digest }, { populate: ['account'] });
    if (!row || !sameDigest(row.tokenHash, digest) || row.usedAt || row.expiresAt <= new Date()) throw badUserInput(INVALID_LINK);
    // Single use even when the link is opened twice at once.
    const claimed = await em.nativeUpdate(EmailVerification, { id: row.id, usedAt: null }, { usedAt: new Date() });
    if (claimed === 0) throw badUserInput(INVALID_LINK);
    const account = row.account;
    // A link for an address the account has since changed from proves nothing about the current one.
    if (account.email.toLowerCase() !== row.email.toLowerCase()) throw badUserInput(INVALID_LINK);
    account.emailVerifiedAt = new Date();
    await em.nativeUpdate(EmailVerification, { account: account.id, usedAt: null }, { usedAt: new Date() });
    return account;
  });
  // After the commit: a verified signup earns its referral reward (R-SIGNUP-4); the sweeper retries a failure.
  await grantReferralReward(ctx, verified.id).catch((error) =>
    ctx.log.error({ err: error, accountId: verified.id }, 'referral reward not granted yet; the sweeper will retry'),
  );
  return verified;
}
