import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException, LockMode } from '@mikro-orm/core';
import { accountsLookupResponse, type AccountSummary, AppError, badUserInput, type EntityManager, ErrorCode, Grade, InternalCallError, InternalRoutes, isUuid, notFound, permissionsOf, type Viewer } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { Company } from '../company/company.entity.ts';
import { Department } from '../department/department.entity.ts';
import type { OrganizationContext } from '../context.ts';
import { Rank } from '../rank/rank.entity.ts';
import { StaffProfile } from './staff-profile.entity.ts';
import { staffPermissions, type StaffPermissions } from './staff-permissions.ts';
import type { RegisterStaffInput, UpdateStaffInput } from './staff.inputs.ts';

const NO_SUCH_STAFF = 'No such staff member in your company.';

/** A profile of the viewer's company, optionally locked for the rest of the transaction. */
export async function staffOf(em: EntityManager, companyId: string, id: string, lock = false): Promise<StaffProfile> {
  const profile = isUuid(id)
    ? await em.findOne(StaffProfile, { userId: id, company: companyId }, { refresh: true, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) })
    : null;
  if (!profile) throw notFound(NO_SUCH_STAFF);
  return profile;
}

async function assertDepartment(em: EntityManager, companyId: string, departmentId: string): Promise<void> {
  if (!isUuid(departmentId) || !(await em.count(Department, { id: departmentId, companyId }))) {
    throw badUserInput('The chosen department does not exist in your company.', { field: 'departmentId' });
  }
}

async function assertRank(em: EntityManager, companyId: string, rankId: string): Promise<void> {
  if (!isUuid(rankId) || !(await em.count(Rank, { id: rankId, companyId }))) throw badUserInput('The chosen rank does not exist in your company.', { field: 'rankId' });
}

const snapshot = (profile: StaffProfile) => ({
  grade: profile.grade,
  departmentId: profile.departmentId,
  rankId: profile.rankId,
  approvalAuthority: profile.approvalAuthority,
  active: profile.active,
  permissions: permissionsOf(profile.permissions),
});

/**
 * An identity route; its refusals (BAD_USER_INPUT, CONFLICT, NOT_FOUND) reach the client as they are,
 * anything else becomes an internal error (masked by formatError).
 */
async function callIdentity<T>(ctx: OrganizationContext, route: string, body: unknown, idempotencyKey?: string): Promise<T> {
  try {
    return await ctx.services.call<T>('identity', route, body, { idempotencyKey });
  } catch (error) {
    if (error instanceof AppError && ([ErrorCode.BAD_USER_INPUT, ErrorCode.CONFLICT, ErrorCode.NOT_FOUND] as string[]).includes(error.code)) throw error;
    throw new Error(`identity ${route} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** accounts/lookup in chunks of the contract's limit. */
export async function lookupAccounts(ctx: OrganizationContext, ids: string[]): Promise<Map<string, AccountSummary>> {
  if (!ids.length) return new Map();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 1000) chunks.push(ids.slice(i, i + 1000));
  const answers = await Promise.all(chunks.map((accountIds) => callIdentity<unknown>(ctx, InternalRoutes.accountsLookup, { accountIds })));
  return new Map(answers.flatMap((answer) => accountsLookupResponse.parse(answer)).map((account) => [account.id, account]));
}

/** The account id for this registration: the one a previous attempt with the same key chose, or a new one. */
async function accountIdFor(em: EntityManager, companyId: string, idempotencyKey: string | null): Promise<string> {
  if (!idempotencyKey) return randomUUID();
  if (idempotencyKey.length > 200) throw badUserInput('The idempotency key is longer than 200 characters.', { field: 'idempotencyKey' });
  await em.execute(
    `insert into "organization"."staff_registration" ("company_id", "idempotency_key", "account_id") values (?, ?, ?) on conflict ("company_id", "idempotency_key") do nothing`,
    [companyId, idempotencyKey, randomUUID()],
  );
  const [row] = await em.execute<Array<{ account_id: string }>>(
    `select "account_id" from "organization"."staff_registration" where "company_id" = ? and "idempotency_key" = ?`,
    [companyId, idempotencyKey],
  );
  return row!.account_id;
}

/**
 * R-STAFF-1,2: the login account in identity and the profile here, as one action. The account id is
 * chosen first (reused on a retry with the same key), identity creates the account idempotently by
 * it and mails the verification link, then the profile is saved; if that fails the account is cancelled.
 */
export async function registerStaff(ctx: OrganizationContext, input: RegisterStaffInput): Promise<string> {
  const viewer = ctx.viewer!;
  const companyId = viewer.member!.companyId;
  if (input.grade !== Grade.DEPARTMENT_MANAGER && input.grade !== Grade.STAFF) throw badUserInput('Staff are registered as DEPARTMENT_MANAGER or STAFF.', { field: 'grade' });
  if (input.departmentId) await assertDepartment(ctx.em, companyId, input.departmentId);
  if (input.rankId) await assertRank(ctx.em, companyId, input.rankId);
  const accountId = await accountIdFor(ctx.em, companyId, input.idempotencyKey?.trim() || null);
  if (await ctx.em.fork().findOne(StaffProfile, { userId: accountId, company: companyId })) return accountId;

  const account = { accountId, companyId, loginId: input.loginId, password: input.password, name: input.name, email: input.email, phone: input.phone ?? null };
  try {
    await callIdentity(ctx, InternalRoutes.staffAccountCreate, account, accountId);
  } catch (error) {
    // No answer, but it may have arrived: make sure no account is left without a profile.
    if (error instanceof Error && error.cause instanceof InternalCallError && error.cause.delivered) await cancelAccount(ctx, accountId);
    throw error;
  }
  try {
    await ctx.em.fork().transactional(async (tx) => {
      const profile = tx.create(StaffProfile, {
        userId: accountId,
        company: tx.getReference(Company, companyId),
        grade: input.grade,
        departmentId: input.departmentId ?? null,
        rankId: input.rankId ?? null,
        approvalAuthority: input.approvalAuthority,
        permissions: staffPermissions(input.permissions ?? undefined),
      } as StaffProfile);
      await tx.flush();
      await recordAudit(tx, viewer, {
        action: 'STAFF_REGISTERED',
        targetType: AuditTarget.STAFF,
        targetId: accountId,
        after: { loginId: input.loginId, name: input.name, email: input.email, ...snapshot(profile) },
      });
    });
  } catch (error) {
    // A concurrent retry with the same key saved the profile: the account is in use, nothing to undo.
    if (await ctx.em.fork().findOne(StaffProfile, { userId: accountId, company: companyId })) return accountId;
    await cancelAccount(ctx, accountId);
    if (error instanceof ForeignKeyConstraintViolationException) throw badUserInput('The chosen department or rank was removed meanwhile. Choose again.');
    throw error;
  }
  return accountId;
}

async function cancelAccount(ctx: OrganizationContext, accountId: string): Promise<void> {
  try {
    await ctx.services.call('identity', InternalRoutes.staffAccountCancel, { accountId }, { idempotencyKey: accountId });
  } catch (error) {
    ctx.log.error({ err: error, accountId }, 'staff account left without a profile: cancelling it failed');
  }
}

const TOTAL_ADMIN_OWN_PROFILE = "The total admin's own name, email, phone and password are changed in their own profile (updateProfile).";

/** Profile fields here; name, email and phone in identity, inside the same transaction so a refusal there undoes both. */
export async function updateStaff(ctx: OrganizationContext, id: string, input: UpdateStaffInput): Promise<StaffProfile> {
  const viewer = ctx.viewer!;
  const companyId = viewer.member!.companyId;
  try {
    return await ctx.em.transactional(async (tx) => {
      const profile = await staffOf(tx, companyId, id, true);
      const before = snapshot(profile);
      if (input.grade != null && input.grade !== profile.grade) {
        if (profile.grade === Grade.TOTAL_ADMIN) throw badUserInput("The total admin's grade cannot be changed.", { field: 'grade' });
        if (input.grade !== Grade.DEPARTMENT_MANAGER && input.grade !== Grade.STAFF) throw badUserInput('Staff are DEPARTMENT_MANAGER or STAFF.', { field: 'grade' });
        profile.grade = input.grade;
      }
      if (input.departmentId !== undefined) {
        if (input.departmentId) await assertDepartment(tx, companyId, input.departmentId);
        profile.departmentId = input.departmentId || null;
      }
      if (input.rankId !== undefined) {
        if (input.rankId) await assertRank(tx, companyId, input.rankId);
        profile.rankId = input.rankId || null;
      }
      if (input.approvalAuthority != null) profile.approvalAuthority = input.approvalAuthority;
      await tx.flush();
      const account = Object.fromEntries(
        (['name', 'email', 'phone'] as const).filter((field) => input[field] !== undefined && (field === 'phone' || input[field] !== null)).map((field) => [field, input[field]]),
      );
      if (Object.keys(account).length) {
        if (profile.grade === Grade.TOTAL_ADMIN) throw badUserInput(TOTAL_ADMIN_OWN_PROFILE);
        await callIdentity(ctx, InternalRoutes.staffAccountUpdate, { accountId: profile.userId, companyId, ...account });
      }
      await recordAudit(tx, viewer, { action: 'STAFF_UPDATED', targetType: AuditTarget.STAFF, targetId: profile.userId, before, after: { ...snapshot(profile), ...account } });
      return profile;
    });
  } catch (error) {
    if (error instanceof ForeignKeyConstraintViolationException) throw badUserInput('The chosen department or rank was removed meanwhile. Choose again.');
    throw error;
  }
}

/** R-STAFF-5: suspension bites on the next request (the gateway reads `active` every time); open sign-ins end too. */
export async function setStaffActive(ctx: OrganizationContext, id: string, active: boolean): Promise<StaffProfile> {
  const viewer = ctx.viewer!;
  const profile = await ctx.em.transactional(async (tx) => {
    const target = await staffOf(tx, viewer.member!.companyId, id, true);
    if (target.grade === Grade.TOTAL_ADMIN) throw badUserInput('The total admin cannot be suspended.');
    if (target.active === active) return target;
    target.active = active;
    await tx.flush();
    await recordAudit(tx, viewer, { action: active ? 'STAFF_REACTIVATED' : 'STAFF_SUSPENDED', targetType: AuditTarget.STAFF, targetId: target.userId, before: { active: !active }, after: { active } });
    return target;
  });
  if (!active) {
    try {
      await ctx.services.call('identity', InternalRoutes.sessionsRevokeAll, { accountId: profile.userId, reason: 'SUSPENDED' });
    } catch (error) {
      // The suspension already holds: the gateway refuses the member on every request from now on.
      ctx.log.warn({ err: error, accountId: profile.userId }, 'revoking a suspended member’s sessions failed');
    }
  }
  return profile;
}

/** R-STAFF-5: identity checks the password policy and ends the member's sign-ins; the audit entry commits only if it succeeded. */
export async function setStaffPassword(ctx: OrganizationContext, id: string, password: string): Promise<boolean> {
  const viewer = ctx.viewer!;
  const companyId = viewer.member!.companyId;
  await ctx.em.transactional(async (tx) => {
    const profile = await staffOf(tx, companyId, id);
    if (profile.grade === Grade.TOTAL_ADMIN) throw badUserInput(TOTAL_ADMIN_OWN_PROFILE);
    await recordAudit(tx, viewer, { action: 'STAFF_PASSWORD_SET', targetType: AuditTarget.STAFF, targetId: profile.userId });
    await callIdentity(ctx, InternalRoutes.staffAccountSetPassword, { accountId: profile.userId, companyId, password });
  });
  return true;
}

/** R-PERM-1. */
export async function setStaffPermissions(ctx: OrganizationContext, id: string, input: StaffPermissions): Promise<StaffProfile> {
  const viewer = ctx.viewer!;
  return ctx.em.transactional(async (tx) => {
    const profile = await staffOf(tx, viewer.member!.companyId, id, true);
    if (profile.grade === Grade.TOTAL_ADMIN) throw badUserInput('The total admin always holds every permission.');
    const before = permissionsOf(profile.permissions);
    profile.permissions = staffPermissions(input);
    await tx.flush();
    await recordAudit(tx, viewer, { action: 'STAFF_PERMISSIONS_SET', targetType: AuditTarget.STAFF, targetId: profile.userId, before, after: permissionsOf(profile.permissions) });
    return profile;
  });
}
