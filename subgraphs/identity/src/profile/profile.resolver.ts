import { randomUUID } from 'node:crypto';
import { badUserInput, isUuid, msg, rateLimited } from '@econtract/server-kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Account } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { assertAcceptablePassword, hashPassword } from '../account/password.ts';
import { IdentitySettings } from '../identity.settings.ts';
import { IdentityRateLimits, identityLimiter, limitClient, lockForCounting } from '../security/rate-limits.ts';
import { newSixDigitCode, phoneCodeDigest, sameDigest } from '../security/secrets.ts';
import { LoginResultCode } from '../session/login-attempt.entity.ts';
import { checkPassword, refusal } from '../session/login.service.ts';
import { revokeSessions } from '../session/session.service.ts';
import { requireEmail, requirePhone, requireText } from '../signup/signup.validation.ts';
import { sendEmailVerification } from '../verification/email-verification.service.ts';
import { PhoneVerification } from '../verification/one-time-token.entity.ts';
import { PhoneVerificationStarted, StepUpResult, UpdateProfileInput } from './profile.inputs.ts';
import { issueStepUpToken, requireStepUp } from './step-up.ts';

@Resolver()
export class ProfileResolver {
  @Mutation(() => StepUpResult, { description: 'Re-enter the password to open personal-information editing. Wrong passwords count toward the lockout.' })
  async confirmPassword(
    @Arg('password', () => String, { description: "The viewer's current password." }) password: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<StepUpResult> {
    const viewer = ctx.viewer!;
    const outcome = await checkPassword(ctx, { accountId: viewer.userId }, password);
    if (outcome.result !== LoginResultCode.SUCCESS && outcome.result !== LoginResultCode.EMAIL_NOT_VERIFIED) throw refusal(outcome);
    return issueStepUpToken(ctx.env, viewer);
  }

  @Mutation(() => PhoneVerificationStarted, { description: 'Texts a 6-digit code to the number (3 minutes, 5 tries).' })
  async startPhoneVerification(
    @Arg('phone', () => String, { description: 'Mobile number, e.g. 010-1234-5678.' }) phone: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<PhoneVerificationStarted> {
    await limitClient(ctx, IdentityRateLimits.phoneCodePerIp);
    const number = requirePhone(phone);
    const accountId = ctx.viewer!.userId;
    return ctx.em.transactional(async (em) => {
      // Parallel requests of one account take turns, so the hourly count below is exact.
      await lockForCounting(em, `phone-code:${accountId}`);
      const lastHour = await em.find(
        PhoneVerification,
        { account: accountId, createdAt: { $gt: new Date(Date.now() - 3_600_000) } },
        { orderBy: { createdAt: 'asc' }, fields: ['createdAt'] },
      );
      if (lastHour.length >= IdentitySettings.phoneCodesPerHour)
        throw rateLimited(Math.max(1, Math.ceil((lastHour[0]!.createdAt.getTime() + 3_600_000 - Date.now()) / 1000)));
      // Counted in this transaction: a refused request above, or a rollback, texts nothing and counts nothing.
      await identityLimiter.hit(em, IdentityRateLimits.phoneCodePerNumber, number, { transactional: true });
      const code = newSixDigitCode();
      const id = randomUUID();
      const verification = em.create(PhoneVerification, {
        id,
        account: em.getReference(Account, accountId),
        phone: number,
        codeHash: phoneCodeDigest(ctx.env, id, code),
        expiresAt: new Date(Date.now() + IdentitySettings.phoneCodeLifetimeMs),
      } as PhoneVerification);
      await em.flush();
      await ctx.notifier.send(
        { channel: 'sms', to: number, subject: '[전자계약] 본인인증', text: `[전자계약] 인증번호 ${code} (3분 이내 입력) / Verification code ${code}` },
        em,
      );
      return { id: verification.id, expiresAt: verification.expiresAt };
    });
  }

  @Mutation(() => Boolean, { description: 'Confirms the texted code; then updateProfile may save that number.' })
  async confirmPhoneVerification(
    @Arg('id', () => ID, { description: 'The id from startPhoneVerification.' }) id: string,
    @Arg('code', () => String, { description: 'The 6-digit code.' }) code: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    const accountId = ctx.viewer!.userId;
    if (!isUuid(id))
      throw badUserInput(
        msg(
          'This code has expired or was tried too often. Request a new code.',
          '인증번호가 만료되었거나 입력 횟수를 초과했습니다. 새 인증번호를 요청해 주세요.',
        ),
        { field: 'id' },
      );
    // Counting the try and reading the code in one statement keeps the 5-try limit exact under parallel guesses.
    const rows: Array<{ id: string; code_hash: string; attempts: number }> = await ctx.em.getConnection().execute(
      `update "identity"."phone_verification" set "attempts" = "attempts" + 1
       where "id" = ? and "account_id" = ? and "confirmed_at" is null and "attempts" < ? and "expires_at" > now()
       returning "id", "code_hash", "attempts"`,
      [id, accountId, IdentitySettings.phoneCodeMaxTries],
    );
    const row = rows[0];
    if (!row)
      throw badUserInput(
        msg(
          'This code has expired or was tried too often. Request a new code.',
          '인증번호가 만료되었거나 입력 횟수를 초과했습니다. 새 인증번호를 요청해 주세요.',
        ),
        { field: 'code' },
      );
    if (!sameDigest(row.code_hash, phoneCodeDigest(ctx.env, row.id, code.trim()))) {
      const left = IdentitySettings.phoneCodeMaxTries - row.attempts;
      throw badUserInput(
        left > 0
          ? msg(`The code is incorrect (${left} tries left).`, `인증번호가 올바르지 않습니다. (${left}회 남음)`)
          : msg('The code is incorrect. Request a new code.', '인증번호가 올바르지 않습니다. 새 인증번호를 요청해 주세요.'),
        { field: 'code' },
      );
    }
    await ctx.em.nativeUpdate(PhoneVerification, { id, confirmedAt: null }, { confirmedAt: new Date() });
    return true;
  }

  @Mutation(() => Account, { description: "Changes the viewer's name, email, phone or password (after confirmPassword)." })
  async updateProfile(
    @Arg('input', () => UpdateProfileInput, { description: 'The changes.' }) input: UpdateProfileInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<Account> {
    const viewer = ctx.viewer!;
    await requireStepUp(ctx.env, viewer, input.stepUpToken);
    return ctx.em.transactional(async (em) => {
      const account = await em.findOneOrFail(Account, { id: viewer.userId }, { lockMode: undefined });
      if (input.name != null) account.name = requireText(input.name, 'name', ['Name', '이름'], 50);
      if (input.phone != null) {
        const phone = requirePhone(input.phone);
        if (phone !== account.phone) {
          if (!input.phoneVerificationId || !isUuid(input.phoneVerificationId))
            throw badUserInput(msg('Verify the new mobile number first (startPhoneVerification).', '새 휴대폰 번호의 본인인증을 먼저 해 주세요.'), {
              field: 'phoneVerificationId',
            });
          // Consumed in the same statement that checks it: one confirmation saves one number once.
          const consumed = await em.nativeUpdate(
            PhoneVerification,
            {
              id: input.phoneVerificationId,
              account: account.id,
              phone,
              confirmedAt: { $ne: null },
              consumedAt: null,
              createdAt: { $gt: new Date(Date.now() - 30 * 60_000) },
            },
            { consumedAt: new Date() },
          );
          if (consumed === 0)
            throw badUserInput(
              msg(
                'This mobile number has not been verified. Confirm the code sent to it first.',
                '인증되지 않은 휴대폰 번호입니다. 받은 인증번호를 먼저 확인해 주세요.',
              ),
              { field: 'phoneVerificationId' },
            );
          account.phone = phone;
        }
      }
      if (input.newPassword != null && input.newPassword !== '') {
        assertAcceptablePassword(input.newPassword, account.loginId);
        account.passwordHash = await hashPassword(input.newPassword);
        account.passwordChangedAt = new Date();
        await revokeSessions(em, { accountId: account.id, keep: viewer.sessionId }, 'PASSWORD_CHANGED');
      }
      if (input.email != null) {
        const email = requireEmail(input.email);
        if (email.toLowerCase() !== account.email.toLowerCase()) {
          account.email = email;
          account.emailVerifiedAt = null;
          await sendEmailVerification(em, ctx, account, email);
        }
      }
      return account;
    });
  }
}
