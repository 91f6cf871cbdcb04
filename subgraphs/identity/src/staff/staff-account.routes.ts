import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { conflict, internalProcedure, internalRouter, msg, notFound } from '@econtract/server-kit';
import { z } from 'zod';
import { Account, AccountOrigin } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { assertLoginId } from '../account/login-id.ts';
import { assertAcceptablePassword, hashPassword } from '../account/password.ts';
import { revokeSessions } from '../session/session.service.ts';
import { requireEmail, requirePhone, requireText } from '../signup/signup.validation.ts';
import { accountMailRef, sendEmailVerification } from '../verification/email-verification.service.ts';

// Internal routes organization calls for staff accounts (R-STAFF-1,2,5); the router is at the end.

const staffAccountCreateInput = z.object({
  /** Chosen by organization before the call: the idempotency key and the staff profile's id. */
  accountId: z.uuid(),
  companyId: z.uuid(),
  loginId: z.string(),
  /** Initial password set by the total admin; validated like any password. */
  password: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
});
const staffAccountUpdateInput = z.object({
  accountId: z.uuid(),
  companyId: z.uuid(),
  name: z.string().optional(),
  /** A changed address must be verified again before the next sign-in. */
  email: z.string().optional(),
  phone: z.string().nullable().optional(),
});
const staffAccountPasswordInput = z.object({ accountId: z.uuid(), companyId: z.uuid(), password: z.string() });

/** A staff account of that company, or NOT_FOUND: a company never reaches another's accounts. */
async function staffAccountOf(ctx: IdentityContext, accountId: string, companyId: string): Promise<Account> {
  const account = await ctx.em.findOne(Account, { id: accountId, companyId, origin: AccountOrigin.STAFF });
  if (!account) throw notFound(msg('No such staff account in this company.', '이 회사에 해당 담당자 계정이 없습니다.'));
  return account;
}

/** Long enough for organization to save the profile or cancel the registration before the mail may go out. */
const STAFF_MAIL_HOLD_SECONDS = 30;

/**
 * Idempotent by accountId; the verification mail joins the insert's transaction (R-STAFF-2). It is
 * held back briefly: if organization cannot save the profile it cancels, which withdraws the mail.
 */
async function createStaffAccount(request: z.infer<typeof staffAccountCreateInput>, ctx: IdentityContext) {
  const existing = await ctx.em.findOne(Account, { id: request.accountId });
  if (existing) {
    if (existing.companyId !== request.companyId || existing.origin !== AccountOrigin.STAFF)
      throw conflict(msg('This account id belongs to another account.', '다른 계정에 사용된 계정 ID입니다.'));
    return { accountId: existing.id, created: false };
  }
  const loginId = assertLoginId(request.loginId);
  assertAcceptablePassword(request.password, loginId);
  const fields = {
    name: requireText(request.name, 'name', ['Name', '이름'], 50),
    email: requireEmail(request.email),
    phone: request.phone?.trim() ? requirePhone(request.phone) : null,
  };
  const passwordHash = await hashPassword(request.password);
  try {
    await ctx.em.fork().transactional(async (em) => {
      const account = em.create(Account, {
        id: request.accountId,
        loginId,
        ...fields,
        passwordHash,
        origin: AccountOrigin.STAFF,
        companyId: request.companyId,
      } as Account);
      await em.flush();
      await sendEmailVerification(em, ctx, account, account.email, { holdSeconds: STAFF_MAIL_HOLD_SECONDS });
    });
    return { accountId: request.accountId, created: true };
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const raced = await ctx.em.fork().findOne(Account, { id: request.accountId });
    if (raced && raced.companyId === request.companyId) return { accountId: raced.id, created: false };
    throw conflict(msg('This login ID is already taken. Choose another one.', '이미 사용 중인 아이디입니다. 다른 아이디를 입력해 주세요.'));
  }
}

/** Compensation for a registration whose staff profile could not be saved: the account goes, and its unsent mail with it. */
async function cancelStaffAccount({ accountId }: { accountId: string }, ctx: IdentityContext) {
  const deleted = await ctx.em.fork().transactional(async (em) => {
    const removed = await em.nativeDelete(Account, { id: accountId, origin: AccountOrigin.STAFF });
    if (removed > 0) await ctx.notifier.withdraw(accountMailRef(accountId), em);
    return removed;
  });
  return { cancelled: deleted > 0 };
}

async function updateStaffAccount(request: z.infer<typeof staffAccountUpdateInput>, ctx: IdentityContext) {
  await ctx.em.transactional(async (em) => {
    const account = await em.findOne(Account, { id: request.accountId, companyId: request.companyId, origin: AccountOrigin.STAFF });
    if (!account) throw notFound(msg('No such staff account in this company.', '이 회사에 해당 담당자 계정이 없습니다.'));
    if (request.name !== undefined) account.name = requireText(request.name, 'name', ['Name', '이름'], 50);
    if (request.phone !== undefined) account.phone = request.phone?.trim() ? requirePhone(request.phone) : null;
    if (request.email !== undefined) {
      const email = requireEmail(request.email);
      if (email.toLowerCase() !== account.email.toLowerCase()) {
        // R-PROFILE-4 applies to staff too: the new address is verified before the next sign-in.
        account.email = email;
        account.emailVerifiedAt = null;
        await sendEmailVerification(em, ctx, account, email);
      }
    }
  });
  return { updated: true };
}

/** R-STAFF-5: the total admin sets a new password; the staff member's open sign-ins end. */
async function setStaffAccountPassword(request: z.infer<typeof staffAccountPasswordInput>, ctx: IdentityContext) {
  const account = await staffAccountOf(ctx, request.accountId, request.companyId);
  assertAcceptablePassword(request.password, account.loginId);
  account.passwordHash = await hashPassword(request.password);
  account.passwordChangedAt = new Date();
  await ctx.em.flush();
  await revokeSessions(ctx.em, { accountId: account.id }, 'PASSWORD_SET_BY_ADMIN');
  return { updated: true };
}

export const staffAccountRoutes = internalRouter({
  /** A staff member's login account (R-STAFF-1,2); BAD_USER_INPUT (login ID rules, password policy, email, phone) or CONFLICT (login ID taken). */
  create: internalProcedure.input(staffAccountCreateInput).mutation(({ input, ctx }) => createStaffAccount(input, ctx)),
  /** Undoes `create` when registering the staff profile failed. */
  cancel: internalProcedure.input(z.object({ accountId: z.uuid() })).mutation(({ input, ctx }) => cancelStaffAccount(input, ctx)),
  /** Changes a staff account's name, email (verified again) or phone. */
  update: internalProcedure.input(staffAccountUpdateInput).mutation(({ input, ctx }) => updateStaffAccount(input, ctx)),
  /** The total admin sets a staff member's password (R-STAFF-5); their sign-ins end. */
  setPassword: internalProcedure.input(staffAccountPasswordInput).mutation(({ input, ctx }) => setStaffAccountPassword(input, ctx)),
});
