import { randomUUID } from 'node:crypto';
import { badUserInput, msg } from '@econtract/server-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Account, AccountOrigin, SignupState } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
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
 * run the same statements (the target's limit counter, the reset link's insert, the outbox insert;
 * the latter two store nothing when nothing matched), so the time taken does not tell either.
 */
@Resolver()
export class RecoveryResolver {
  @Mutation(() => Boolean, { description: 'Emails the login ID of the account with this name and email (total admins and individual members). Always true.' })
  async findLoginId(
    @Arg('name', () => String, { description: "The account holder's name, as registered." }) name: string,
    @Arg('email', () => String, { description: "The account's email address." }) email: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await limitClient(ctx, IdentityRateLimits.findLoginIdPerIp);
    if (name.length > 100 || email.length > 254) return true;
    const target = email.trim().toLowerCase();
    await ctx.em.transactional(async (em) => {
      await identityLimiter.hit(em, IdentityRateLimits.findLoginIdPerEmail, target, { transactional: true });
      const accounts = await em.find(Account, { name: name.trim(), signupState: SignupState.ACTIVE, origin: { $ne: AccountOrigin.OPERATOR } });
      const matches = accounts.filter((account) => account.email.toLowerCase() === target);
      const mail = (to: string, text: string) => ({ channel: 'email' as const, to, subject: '[전자계약] 아이디 찾기 / Your login ID', text });
      const loginIdText = (account: Pick<Account, 'name' | 'loginId'>) =>
        `${account.name}님의 아이디는 ${account.loginId} 입니다. / Your login ID is ${account.loginId}.`;
      if (!matches.length) await ctx.notifier.rehearse(mail(target, loginIdText({ name: name.trim(), loginId: 'x'.repeat(20) })), em);
      for (const account of matches)
        await ctx.notifier.send(mail(account.email, account.origin === AccountOrigin.STAFF ? ASK_TOTAL_ADMIN : loginIdText(account)), em);
    });
    return true;
  }

  @Mutation(() => Boolean, { description: 'Emails a password reset link (30 minutes) if the login ID and email match. Always true.' })
  async requestPasswordReset(
    @Arg('loginId', () => String, { description: 'The login ID.' }) loginId: string,
    @Arg('email', () => String, { description: "The account's email address." }) email: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await limitClient(ctx, IdentityRateLimits.passwordResetPerIp);
    const key = loginKeyOf(loginId);
    if (key.length > 64 || email.length > 254) return true;
    const target = email.trim().toLowerCase();
    await ctx.em.transactional(async (em) => {
      await identityLimiter.hit(em, IdentityRateLimits.passwordResetPerLoginId, key, { transactional: true });
      const found = await em.findOne(Account, { loginKey: key, signupState: SignupState.ACTIVE, origin: { $ne: AccountOrigin.OPERATOR } });
      const account = found && found.email.toLowerCase() === target ? found : null;
      // A link only for a member who signed up; staff are told to ask their total admin.
      const withLink = account !== null && account.origin !== AccountOrigin.STAFF;
      const token = newSecret();
      await em.execute(
        `insert into "identity"."password_reset" ("id", "account_id", "token_hash", "expires_at") select ?, ?, ?, ?::timestamptz where ?::boolean`,
        [
          randomUUID(),
          account?.id ?? randomUUID(),
          tokenDigest(ctx.env, token),
          new Date(Date.now() + IdentitySettings.passwordResetLifetimeMs).toISOString(),
          withLink,
        ],
      );
      const link = new URL(`/reset-password?token=${encodeURIComponent(token)}`, ctx.env.PUBLIC_APP_URL).toString();
      const mail = {
        channel: 'email' as const,
        to: account?.email ?? target,
        subject: withLink || !account ? '[전자계약] 비밀번호 재설정 / Reset your password' : '[전자계약] 비밀번호 찾기 / Password reset',
        text:
          withLink || !account
            ? `아래 링크에서 30분 안에 새 비밀번호를 설정해 주세요. / Set a new password within 30 minutes:\n\n${link}\n\nReset token: ${token}\n\n요청하지 않았다면 이 메일을 무시하세요. / If you did not ask for this, ignore this email.`
            : ASK_TOTAL_ADMIN,
      };
      if (account) await ctx.notifier.send(mail, em);
      else await ctx.notifier.rehearse(mail, em);
    });
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password with an emailed reset token (single use). Ends every open sign-in; a locked account stays locked.',
  })
  async resetPassword(
    @Arg('token', () => String, { description: 'The reset token from the email.' }) token: string,
    @Arg('newPassword', () => String, { description: 'The new password: 8–128 characters; common passwords and ones containing the login ID are refused.' })
    newPassword: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    const invalid = () =>
      badUserInput(
        msg(
          'This reset link is invalid, already used or expired. Request a new one.',
          '유효하지 않거나 이미 사용되었거나 만료된 링크입니다. 새 링크를 요청해 주세요.',
        ),
        { field: 'token' },
      );
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
