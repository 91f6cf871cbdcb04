import { randomUUID } from 'node:crypto';
import { badUserInput, msg } from '@econtract/server-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Account, AccountOrigin, SignupState } from '../account/account.entity.ts';
import type { IdentityContext } from '../account/account.loaders.ts';
import { loginKeyOf } from '../account/login-id.ts';
import { assertAcceptablePassword, hashPassword } from '../account/password.ts';
import { IdentitySettings } from '../identity.settings.ts';
import { IdentityRateLimits, identityLimiter, limitClient } from '../security/rate-limits.ts';
import { newSecret, sameDigest, tokenDigest } from '../security/secrets.ts';
import { revokeSessions } from '../session/session.service.ts';
import { PasswordReset } from '../verification/one-time-token.entity.ts';

const ASK_TOTAL_ADMIN =
  '담당자 계정의 아이디와 비밀번호는 회사의 총괄관리자에게 문의해 주세요. / Staff accounts are managed by your company: ask your total admin, who can set a new password for you.';

/**
 * R-RECOVER-1: answers go by email only, and the GraphQL answer is the same whether or not an
 * account matched, so these mutations cannot be used to find out who has an account. Both paths
 * do the same statements up to the mail itself — the target's limit counter is written inside the
 * transaction either way — so the time taken does not tell either.
 */
@Resolver()
export class RecoveryResolver {
  @Mutation(() => Boolean, { description: 'Emails the login ID of the account with this name and email (total admins and individual members). Always true.' })
  async findLoginId(@Arg('name', () => String) name: string, @Arg('email', () => String) email: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    await limitClient(ctx, IdentityRateLimits.findLoginIdPerIp);
    if (name.length > 100 || email.length > 254) return true;
    await ctx.em.transactional(async (em) => {
      await identityLimiter.hit(em, IdentityRateLimits.findLoginIdPerEmail, email.trim().toLowerCase(), { transactional: true });
      const accounts = await em.find(Account, { name: name.trim(), signupState: SignupState.ACTIVE, origin: { $ne: AccountOrigin.OPERATOR } });
      const matches = accounts.filter((account) => account.email.toLowerCase() === email.trim().toLowerCase());
      for (const account of matches) {
        const text =
          account.origin === AccountOrigin.STAFF
            ? ASK_TOTAL_ADMIN
            : `${account.name}님의 아이디는 ${account.loginId} 입니다. / Your login ID is ${account.loginId}.`;
        await ctx.notifier.send({ channel: 'email', to: account.email, subject: '[전자계약] 아이디 찾기 / Your login ID', text }, em);
      }
    });
    return true;
  }

  @Mutation(() => Boolean, { description: 'Emails a password reset link (30 minutes) if the login ID and email match. Always true.' })
  async requestPasswordReset(@Arg('loginId', () => String) loginId: string, @Arg('email', () => String) email: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    await limitClient(ctx, IdentityRateLimits.passwordResetPerIp);
    const key = loginKeyOf(loginId);
    if (key.length > 64 || email.length > 254) return true;
    await ctx.em.transactional(async (em) => {
      await identityLimiter.hit(em, IdentityRateLimits.passwordResetPerLoginId, key, { transactional: true });
      const account = await em.findOne(Account, { loginKey: key, signupState: SignupState.ACTIVE, origin: { $ne: AccountOrigin.OPERATOR } });
      if (!account || account.email.toLowerCase() !== email.trim().toLowerCase()) return;
      if (account.origin === AccountOrigin.STAFF) {
        await ctx.notifier.send({ channel: 'email', to: account.email, subject: '[전자계약] 비밀번호 찾기 / Password reset', text: ASK_TOTAL_ADMIN }, em);
        return;
      }
      const token = newSecret();
      em.create(PasswordReset, { id: randomUUID(), account, tokenHash: tokenDigest(ctx.env, token), expiresAt: new Date(Date.now() + IdentitySettings.passwordResetLifetimeMs) } as PasswordReset);
      await em.flush();
      const link = new URL(`/reset-password?token=${encodeURIComponent(token)}`, ctx.env.PUBLIC_APP_URL).toString();
      await ctx.notifier.send(
        {
          channel: 'email',
          to: account.email,
          subject: '[전자계약] 비밀번호 재설정 / Reset your password',
          text: `아래 링크에서 30분 안에 새 비밀번호를 설정해 주세요. / Set a new password within 30 minutes:\n\n${link}\n\nReset token: ${token}\n\n요청하지 않았다면 이 메일을 무시하세요. / If you did not ask for this, ignore this email.`,
        },
        em,
      );
    });
    return true;
  }

  @Mutation(() => Boolean, { description: 'Sets a new password with an emailed reset token (single use). Ends every open sign-in; a locked account stays locked.' })
  async resetPassword(@Arg('token', () => String) token: string, @Arg('newPassword', () => String) newPassword: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    const invalid = () => badUserInput(msg('This reset link is invalid, already used or expired. Request a new one.', '유효하지 않거나 이미 사용되었거나 만료된 링크입니다. 새 링크를 요청해 주세요.'), { field: 'token' });
    await ctx.em.transactional(async (em) => {
      const digest = tokenDigest(ctx.env, token);
      const reset = await em.findOne(PasswordReset, { tokenHash: digest }, { populate: ['account'] });
      if (!reset || !sameDigest(reset.tokenHash, digest) || reset.usedAt || reset.expiresAt <= new Date()) throw invalid();
      assertAcceptablePassword(newPassword, reset.account.loginId);
      if ((await em.nativeUpdate(PasswordReset, { id: reset.id, usedAt: null }, { usedAt: new Date() })) === 0) throw invalid();
      const account = reset.account;
      account.passwordHash = await hashPassword(newPassword);
      account.passwordChangedAt = new Date();
      await em.nativeUpdate(PasswordReset, { account: account.id, usedAt: null }, { usedAt: new Date() });
      await revokeSessions(em, { accountId: account.id }, 'PASSWORD_RESET');
    });
    return true;
  }
}
