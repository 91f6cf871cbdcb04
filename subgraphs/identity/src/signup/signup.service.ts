import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { BillingRoutes } from '@econtract/billing/routes';
import type { OrganizationRoutes, SignupCompanyRequest } from '@econtract/organization/routes';
import { badUserInput, conflict, InternalCallError, msg } from '@econtract/server-kit';
import { Account, AccountOrigin, SignupState } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { assertLoginId, loginKeyOf } from '../account/login-id.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../account/password.ts';
import { IdentitySettings } from '../identity.settings.ts';
import { sendEmailVerification } from '../verification/email-verification.service.ts';
import { referralGrantKeys } from './referral-reward.ts';
import type { SignUpCorporateInput, SignUpIndividualInput } from './signup.inputs.ts';
import { requireBusinessNumber, requireEmail, requirePhone, requireText } from './signup.validation.ts';

interface SignupRequest {
  loginId: string;
  password: string;
  name: string;
  email: string;
  phone: string | null;
  referralCode: string | null;
  idempotencyKey: string | null;
  company: { name: string; businessNumber: string; representative: string } | null;
}

export function validateIndividual(input: SignUpIndividualInput): SignupRequest {
  const loginId = assertLoginId(input.loginId);
  assertAcceptablePassword(input.password, loginId);
  const idempotencyKey = input.idempotencyKey?.trim() || null;
  if (idempotencyKey && idempotencyKey.length > 100)
    throw badUserInput(msg('idempotencyKey can have at most 100 characters.', 'idempotencyKey는 100자 이하여야 합니다.'), { field: 'idempotencyKey' });
  return {
    loginId,
    password: input.password,
    name: requireText(input.name, 'name', ['Name', '이름'], 50),
    email: requireEmail(input.email),
    phone: input.phone?.trim() ? requirePhone(input.phone) : null,
    referralCode: input.referralCode?.trim() || null,
    idempotencyKey,
    company: null,
  };
}

export function validateCorporate(input: SignUpCorporateInput): SignupRequest {
  const request = validateIndividual(input);
  if (!request.phone) throw badUserInput(msg("The total admin's mobile number is required.", '총괄관리자의 휴대폰 번호를 입력해 주세요.'), { field: 'phone' });
  return {
    ...request,
    company: {
      name: requireText(input.companyName, 'companyName', ['Company name', '회사명'], 100),
      businessNumber: requireBusinessNumber(input.businessNumber),
      representative: requireText(input.representative, 'representative', ["Representative's name", '대표자명'], 50),
    },
  };
}

/** Grants a failed signup may have to undo (referral keys: signups from before rewards waited for verification). */
const grantKeys = (companyId: string) => ({
  signup: `signup:${companyId}`,
  ...referralGrantKeys(companyId),
});

const KEY_OF_ANOTHER_SIGNUP = msg('This idempotency key belongs to another signup.', '다른 가입 요청에 사용된 idempotencyKey입니다.');

/**
 * R-SIGNUP-1: account (here), company or workspace (organization) and the signup event plan
 * (billing) as one action. Each remote step is idempotent by the new account's or company's id; a
 * failure undoes the steps already made, and the same idempotency key replays or resumes. The
 * referral event plan waits for the email verification (`referral-reward.ts`).
 */
export async function signUp(ctx: IdentityContext, request: SignupRequest): Promise<Account> {
  if (request.idempotencyKey) {
    const earlier = await ctx.em.findOne(Account, { signupKey: request.idempotencyKey }, { populate: ['passwordHash'] });
    if (earlier) {
      // A replay answers with the account only to whoever knows its password: the key and login ID may be guessed or seen.
      const sameSignup = earlier.loginKey === loginKeyOf(request.loginId);
      if (!(await verifyPassword(sameSignup ? earlier.passwordHash : null, request.password)) || !sameSignup) throw conflict(KEY_OF_ANOTHER_SIGNUP);
      if (earlier.signupState === SignupState.ACTIVE) return earlier;
      return complete(ctx, earlier, request, await resolveReferrer(ctx, request));
    }
  }
  const referrer = await resolveReferrer(ctx, request);
  if (request.company) {
    const { registered } = await organization(ctx).signup.businessNumberRegistered.query({ businessNumber: request.company.businessNumber });
    if (registered) throw businessNumberTaken();
  }
  const account = await reserveAccount(ctx, request, referrer);
  return complete(ctx, account, request, referrer);
}

const organization = (ctx: IdentityContext) => ctx.services.to<OrganizationRoutes>('organization');
const billing = (ctx: IdentityContext) => ctx.services.to<BillingRoutes>('billing');

const businessNumberTaken = () => conflict(msg('This business registration number is already registered.', '이미 가입된 사업자등록번호입니다.'));

async function resolveReferrer(ctx: IdentityContext, request: SignupRequest): Promise<string | null> {
  if (!request.referralCode) return null;
  const found = await organization(ctx).signup.resolveReferral.query({ code: request.referralCode });
  if (!found)
    throw badUserInput(
      msg(
        'This referral code does not exist. Check it with the company that gave it to you, or leave it empty.',
        '존재하지 않는 추천인 코드입니다. 코드를 확인하거나 비워 두세요.',
      ),
      { field: 'referralCode' },
    );
  return found.companyId;
}

/** Inserts the PENDING account; the unique login key decides races for the same ID (R-SIGNUP-3). */
async function reserveAccount(ctx: IdentityContext, request: SignupRequest, referrerCompanyId: string | null, retried = false): Promise<Account> {
  const passwordHash = await hashPassword(request.password);
  const em = ctx.em.fork();
  const account = em.create(Account, {
    id: randomUUID(),
    loginId: request.loginId,
    name: request.name,
    email: request.email,
    phone: request.phone,
    passwordHash,
    origin: AccountOrigin.SIGNUP,
    signupState: SignupState.PENDING,
    signupKey: request.idempotencyKey,
    referrerCompanyId,
  } as Account);
  try {
    await em.flush();
    return account;
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    if (String(error.message).includes('account_signup_key_unique'))
      throw conflict(msg('This signup is already being processed. Try again in a moment.', '가입 요청을 처리하고 있습니다. 잠시 후 다시 시도해 주세요.'));
    const holder = await ctx.em.fork().findOne(Account, { loginKey: loginKeyOf(request.loginId) });
    const abandoned = holder && holder.signupState === SignupState.PENDING && holder.createdAt.getTime() < Date.now() - IdentitySettings.abandonedSignupAfterMs;
    if (holder && abandoned && !retried) {
      await undoSignup(ctx, holder.id, holder.companyId);
      return reserveAccount(ctx, request, referrerCompanyId, true);
    }
    throw conflict(msg('This login ID is already taken. Choose another one.', '이미 사용 중인 아이디입니다. 다른 아이디를 입력해 주세요.'));
  }
}

async function complete(ctx: IdentityContext, pending: Account, request: SignupRequest, referrerCompanyId: string | null): Promise<Account> {
  let companyId: string | null = pending.companyId;
  // Grants that may exist in billing: undone on failure. A call that never arrived made none.
  const maybeGranted: string[] = [];
  try {
    const body: SignupCompanyRequest = request.company
      ? { kind: 'CORPORATE', accountId: pending.id, ...request.company }
      : { kind: 'PERSONAL', accountId: pending.id, name: request.name };
    const made = await organization(ctx).signup.createCompany.mutate(body, { context: { idempotencyKey: pending.id } });
    companyId = made.companyId;
    // Remembered at once, so an interrupted signup can still be undone completely.
    await ctx.em.fork().nativeUpdate(Account, { id: pending.id }, { companyId });

    const keys = grantKeys(companyId);
    const grant = async (company: string, planCode: 'SIGNUP_EVENT', grantKey: string) => {
      maybeGranted.push(grantKey);
      try {
        await billing(ctx).grant.event.mutate({ companyId: company, planCode, grantKey }, { context: { idempotencyKey: grantKey } });
      } catch (error) {
        if (error instanceof InternalCallError && !error.delivered) maybeGranted.pop();
        throw error;
      }
    };
    // The new account's own event plan comes at once: it cannot sign in to use it before verifying anyway.
    await grant(companyId, 'SIGNUP_EVENT', keys.signup);

    return await ctx.em.fork().transactional(async (em) => {
      const account = await em.findOneOrFail(Account, { id: pending.id });
      account.signupState = SignupState.ACTIVE;
      account.companyId = companyId;
      account.referrerCompanyId = referrerCompanyId !== companyId ? referrerCompanyId : null;
      await sendEmailVerification(em, ctx, account);
      return account;
    });
  } catch (error) {
    // A refusal from organization (e.g. CONFLICT for a number registered meanwhile) reaches the client as it is.
    await undoSignup(ctx, pending.id, companyId, maybeGranted);
    throw error;
  }
}

/**
 * Compensation: removes what a failed signup made, newest first; every step tolerates "already
 * gone". If a step cannot be done now, the rest waits: the PENDING account keeps the record, and
 * the sweeper (or a new signup for the same login ID) tries again later.
 */
export async function undoSignup(ctx: IdentityContext, accountId: string, companyId: string | null, grants?: string[]): Promise<boolean> {
  try {
    const keys = grants ?? (companyId ? Object.values(grantKeys(companyId)) : []);
    for (const grantKey of [...keys].reverse()) await billing(ctx).grant.cancel.mutate({ grantKey });
    await organization(ctx).signup.cancelCompany.mutate({ accountId });
    await ctx.em.fork().nativeDelete(Account, { id: accountId, signupState: SignupState.PENDING });
    return true;
  } catch (error) {
    ctx.log.error({ err: error, accountId, companyId }, 'could not undo a failed signup yet; the sweeper will retry');
    return false;
  }
}

/** Finishes undoing signups abandoned half-way (a crash, or a service down during the undo). */
export async function sweepAbandonedSignups(ctx: IdentityContext): Promise<number> {
  const abandoned = await ctx.em.find(
    Account,
    { signupState: SignupState.PENDING, createdAt: { $lt: new Date(Date.now() - IdentitySettings.abandonedSignupAfterMs) } },
    { limit: 50, orderBy: { createdAt: 'asc' } },
  );
  let undone = 0;
  for (const account of abandoned) if (await undoSignup(ctx, account.id, account.companyId)) undone++;
  return undone;
}
