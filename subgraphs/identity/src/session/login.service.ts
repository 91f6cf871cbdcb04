import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { OrganizationRoutes } from '@econtract/organization/routes';
import { AppError, ErrorCode, msg, unauthenticated, type EntityManager, type RateLimitHit } from '@econtract/server-kit';
import { Account, SignupState } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { loginKeyOf } from '../account/login-id.ts';
import { verifyPassword } from '../account/password.ts';
import { IdentitySettings } from '../identity.settings.ts';
import { IdentityRateLimits, identityLimiter } from '../security/rate-limits.ts';
import { LoginAttempt, LoginResultCode } from './login-attempt.entity.ts';

export const WRONG_CREDENTIALS = msg('The login ID or password is incorrect.', '아이디 또는 비밀번호가 올바르지 않습니다.');
export const accountLocked = () =>
  new AppError(
    ErrorCode.ACCOUNT_LOCKED,
    msg(
      `This login ID is locked after ${IdentitySettings.lockAfterFailures} failed sign-in attempts. Contact the customer centre to unlock it.`,
      `로그인에 ${IdentitySettings.lockAfterFailures}회 실패하여 아이디가 잠겼습니다. 고객센터에 잠금 해제를 요청해 주세요.`,
    ),
  );
export const emailNotVerified = () =>
  new AppError(
    ErrorCode.EMAIL_NOT_VERIFIED,
    msg(
      'Verify your email address first: follow the link in the verification email we sent you.',
      '이메일 인증이 필요합니다. 보내드린 인증 메일의 링크를 눌러 주세요.',
    ),
  );

/** `failed`: the password was checked and was wrong (or the login ID is unknown). */
export type Outcome = (
  | { account: Account; result: LoginResultCode.SUCCESS }
  | { account: Account | null; result: Exclude<LoginResultCode, LoginResultCode.SUCCESS> }
) & { failed?: boolean };

/** The (login ID, IP) throttle's key starts with this, so an unlock can clear it for every IP. */
export const loginThrottleKey = (loginId: string) => `${loginKeyOf(loginId).slice(0, 64)} `;

/**
 * `login`'s password check behind the throttles (README, "Limits"). Every attempt counts toward
 * the IP's burst limit. A failure slot is taken from the IP's hourly failure budget and from the
 * (login ID, IP) budget before the password is checked — so parallel attempts cannot overrun them —
 * and given back unless the attempt turns out a failure. An attempt refused by a throttle never
 * reaches the account, so only failures that passed the throttles count toward the lock (R-LOGIN-3).
 */
export async function checkLogin(ctx: IdentityContext, loginId: string, password: string): Promise<Outcome> {
  const ip = ctx.client.ip;
  if (!ip) return checkPassword(ctx, { loginId }, password);
  await identityLimiter.hit(ctx.em, IdentityRateLimits.loginPerIp, ip);
  let failureSlots: RateLimitHit[];
  try {
    failureSlots = await identityLimiter.hitAll(ctx.em, [
      [IdentityRateLimits.loginFailuresPerIp, ip],
      [IdentityRateLimits.loginFailuresPerLoginIdAndIp, `${loginThrottleKey(loginId)}${ip}`],
    ]);
  } catch (throttled) {
    if (!(throttled instanceof AppError) || throttled.code !== ErrorCode.RATE_LIMITED) throw throttled;
    // No password is checked now; a locked account still says that it is locked, as it would to anyone.
    return checkPassword(ctx, { loginId }, password, throttled);
  }
  let outcome: Outcome | undefined;
  try {
    outcome = await checkPassword(ctx, { loginId }, password);
    return outcome;
  } finally {
    if (!outcome?.failed) await identityLimiter.release(ctx.em, failureSlots);
  }
}

/**
 * Checks a password against the account's lockout (R-LOGIN-3). The account row is locked
 * (`select … for update`) for the check, so parallel attempts on one login ID are counted one at a
 * time: the fifth failure locks, and nothing after it succeeds. The count commits even when the
 * attempt is refused. With `throttled` (a throttle's refusal) no password is checked: a locked
 * account answers LOCKED, any other gets that refusal.
 */
export async function checkPassword(
  ctx: IdentityContext,
  where: { loginId: string } | { accountId: string },
  password: string,
  throttled?: AppError,
): Promise<Outcome> {
  const typed = 'loginId' in where ? where.loginId : '';
  return ctx.em.transactional(async (em) => {
    const key = 'loginId' in where ? loginKeyOf(where.loginId) : null;
    const account =
      key !== null && key.length > 64
        ? null
        : await em.findOne(Account, key !== null ? { loginKey: key } : { id: (where as { accountId: string }).accountId }, {
            lockMode: LockMode.PESSIMISTIC_WRITE,
            populate: ['passwordHash'],
          });
    if (throttled && !account?.lockedAt) throw throttled;
    const outcome = await decide(account, password);
    const record = (result: LoginResultCode) =>
      em.create(LoginAttempt, {
        id: randomUUID(),
        loginId: (typed || account?.loginId || '').slice(0, 200),
        accountId: account?.id ?? null,
        result,
        ip: ctx.client.ip,
        userAgent: ctx.client.userAgent,
      } as LoginAttempt);
    record(outcome.result);
    await em.flush();
    return outcome;
  });
}

async function decide(account: Account | null, password: string): Promise<Outcome> {
  if (!account || account.signupState !== SignupState.ACTIVE) {
    await verifyPassword(null, password);
    return { account: null, result: LoginResultCode.UNKNOWN_LOGIN_ID, failed: true };
  }
  if (account.lockedAt) return { account, result: LoginResultCode.LOCKED };
  if (!(await verifyPassword(account.passwordHash, password))) {
    account.failedLoginCount += 1;
    if (account.failedLoginCount >= IdentitySettings.lockAfterFailures) account.lockedAt = new Date();
    return { account, result: account.lockedAt ? LoginResultCode.LOCKED : LoginResultCode.WRONG_PASSWORD, failed: true };
  }
  account.failedLoginCount = 0;
  if (!account.emailVerifiedAt) return { account, result: LoginResultCode.EMAIL_NOT_VERIFIED };
  return { account, result: LoginResultCode.SUCCESS };
}

/** Turns a refused outcome into the error the person sees. */
export function refusal(outcome: Outcome): AppError {
  switch (outcome.result) {
    case LoginResultCode.LOCKED:
      return accountLocked();
    case LoginResultCode.EMAIL_NOT_VERIFIED:
      return emailNotVerified();
    case LoginResultCode.SUSPENDED:
      return new AppError(
        ErrorCode.FORBIDDEN,
        msg('This account is suspended. Ask your total admin to reactivate it.', '사용이 중지된 계정입니다. 총괄관리자에게 문의해 주세요.'),
      );
    case LoginResultCode.WRONG_PASSWORD:
    case LoginResultCode.UNKNOWN_LOGIN_ID:
    case LoginResultCode.SUCCESS:
      return unauthenticated(WRONG_CREDENTIALS);
  }
}

/** R-STAFF-5: a suspended staff member cannot sign in (organization keeps the active flag). */
export async function memberIsSuspended(ctx: IdentityContext, accountId: string): Promise<boolean> {
  const standing = await ctx.services.to<OrganizationRoutes>('organization').standing.member.query({ userId: accountId });
  return standing !== null && !standing.active;
}

export async function recordSuspendedLogin(em: EntityManager, ctx: IdentityContext, account: Account) {
  em.create(LoginAttempt, {
    id: randomUUID(),
    loginId: account.loginId,
    accountId: account.id,
    result: LoginResultCode.SUSPENDED,
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
  } as LoginAttempt);
  await em.flush();
}
