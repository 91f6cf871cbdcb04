import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException, LockMode } from '@mikro-orm/core';
import type { IdentityRoutes } from '@econtract/identity/routes';
import {
  AppError,
  badUserInput,
  type EntityManager,
  ErrorCode,
  Grade,
  InternalCallError,
  type InternalClient,
  isUuid,
  msg,
  notFound,
  permissionsOf,
  type RouteOutputs,
} from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { Company } from '../company/company.entity.ts';
import { Department } from '../department/department.entity.ts';
import type { OrganizationContext } from '../context.ts';
import { Rank } from '../rank/rank.entity.ts';
import { StaffProfile } from './staff-profile.entity.ts';
import { staffPermissions, type StaffPermissions } from './staff-permissions.ts';
import type { RegisterStaffInput, UpdateStaffInput } from './staff.inputs.ts';

const NO_SUCH_STAFF = msg('No such staff member in your company.', '회사에 해당 업무담당자가 없습니다.');

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
    throw badUserInput(msg('The chosen department does not exist in your company.', '선택한 부서가 회사에 없습니다.'), { field: 'departmentId' });
  }
}

async function assertRank(em: EntityManager, companyId: string, rankId: string): Promise<void> {
  if (!isUuid(rankId) || !(await em.count(Rank, { id: rankId, companyId })))
    throw badUserInput(msg('The chosen rank does not exist in your company.', '선택한 직급이 회사에 없습니다.'), { field: 'rankId' });
}

const snapshot = (profile: StaffProfile) => ({
  grade: profile.grade,
  departmentId: profile.departmentId,
  rankId: profile.rankId,
  approvalAuthority: profile.approvalAuthority,
  active: profile.active,
  permissions: permissionsOf(profile.permissions),
});

const identity = (ctx: OrganizationContext) => ctx.services.to<IdentityRoutes>('identity');
type AccountSummary = RouteOutputs<IdentityRoutes>['account']['lookup'][number];

/**
 * A call to identity; its refusals (BAD_USER_INPUT, CONFLICT, NOT_FOUND) reach the client as they are,
 * anything else becomes an internal error (masked by formatError).
 */
async function callIdentity<T>(ctx: OrganizationContext, call: (client: InternalClient<IdentityRoutes>) => Promise<T>): Promise<T> {
  try {
    return await call(identity(ctx));
  } catch (error) {
    if (error instanceof AppError && ([ErrorCode.BAD_USER_INPUT, ErrorCode.CONFLICT, ErrorCode.NOT_FOUND] as string[]).includes(error.code)) throw error;
    throw new Error(`identity call failed: ${(error as Error).message}`, { cause: error });
  }
}

/** account.lookup in chunks of its input's limit. */
export async function lookupAccounts(ctx: OrganizationContext, ids: string[]): Promise<Map<string, AccountSummary>> {
  if (!ids.length) return new Map();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 1000) chunks.push(ids.slice(i, i + 1000));
  const answers = await Promise.all(chunks.map((accountIds) => callIdentity(ctx, (identity) => identity.account.lookup.query({ accountIds }))));
  return new Map(answers.flat().map((account) => [account.id, account]));
}

/** The account id for this registration: the one a previous attempt with the same key chose, or a new one. */
async function accountIdFor(em: EntityManager, companyId: string, idempotencyKey: string | null): Promise<string> {
  if (!idempotencyKey) return randomUUID();
  if (idempotencyKey.length > 200)
    throw badUserInput(msg('The idempotency key is longer than 200 characters.', 'idempotencyKey는 200자 이하여야 합니다.'), { field: 'idempotencyKey' });
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
  if (input.grade !== Grade.DEPARTMENT_MANAGER && input.grade !== Grade.STAFF)
    throw badUserInput(
      msg('Staff are registered as DEPARTMENT_MANAGER or STAFF.', '업무담당자는 부서관리자(DEPARTMENT_MANAGER) 또는 업무담당자(STAFF) 등급으로 등록합니다.'),
      { field: 'grade' },
    );
  if (input.departmentId) await assertDepartment(ctx.em, companyId, input.departmentId);
  if (input.rankId) await assertRank(ctx.em, companyId, input.rankId);
  const accountId = await accountIdFor(ctx.em, companyId, input.idempotencyKey?.trim() || null);
  if (await ctx.em.fork().findOne(StaffProfile, { userId: accountId, company: companyId })) return accountId;

  const account = { accountId, companyId, loginId: input.loginId, password: input.password, name: input.name, email: input.email, phone: input.phone ?? null };
  try {
    await callIdentity(ctx, (identity) => identity.staffAccount.create.mutate(account, { context: { idempotencyKey: accountId } }));
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
    if (error instanceof ForeignKeyConstraintViolationException) throw badUserInput(CHOICE_REMOVED);
    throw error;
  }
  return accountId;
}

async function cancelAccount(ctx: OrganizationContext, accountId: string): Promise<void> {
  try {
    await identity(ctx).staffAccount.cancel.mutate({ accountId }, { context: { idempotencyKey: accountId } });
  } catch (error) {
    ctx.log.error({ err: error, accountId }, 'staff account left without a profile: cancelling it failed');
  }
}

const TOTAL_ADMIN_OWN_PROFILE = msg(
  "The total admin's own name, email, phone and password are changed in their own profile (updateProfile).",
  '총괄관리자의 이름, 이메일, 휴대폰 번호와 비밀번호는 본인의 회원정보수정(updateProfile)에서 변경합니다.',
);
const CHOICE_REMOVED = msg(
  'The chosen department or rank was removed meanwhile. Choose again.',
  '선택한 부서나 직급이 그사이 삭제되었습니다. 다시 선택해 주세요.',
);

/** Profile fields here; name, email and phone in identity, inside the same transaction so a refusal there undoes both. */
export async function updateStaff(ctx: OrganizationContext, id: string, input: UpdateStaffInput): Promise<StaffProfile> {
  const viewer = ctx.viewer!;
  const companyId = viewer.member!.companyId;
  try {
    return await ctx.em.transactional(async (tx) => {
      const profile = await staffOf(tx, companyId, id, true);
      const before = snapshot(profile);
      if (input.grade != null && input.grade !== profile.grade) {
        if (profile.grade === Grade.TOTAL_ADMIN)
          throw badUserInput(msg("The total admin's grade cannot be changed.", '총괄관리자의 등급은 변경할 수 없습니다.'), { field: 'grade' });
        if (input.grade !== Grade.DEPARTMENT_MANAGER && input.grade !== Grade.STAFF)
          throw badUserInput(
            msg('Staff are DEPARTMENT_MANAGER or STAFF.', '업무담당자의 등급은 부서관리자(DEPARTMENT_MANAGER) 또는 업무담당자(STAFF)로만 지정할 수 있습니다.'),
            { field: 'grade' },
          );
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
        (['name', 'email', 'phone'] as const)
          .filter((field) => input[field] !== undefined && (field === 'phone' || input[field] !== null))
          .map((field) => [field, input[field]]),
      );
      if (Object.keys(account).length) {
        if (profile.grade === Grade.TOTAL_ADMIN) throw badUserInput(TOTAL_ADMIN_OWN_PROFILE);
        await callIdentity(ctx, (identity) => identity.staffAccount.update.mutate({ accountId: profile.userId, companyId, ...account }));
      }
      await recordAudit(tx, viewer, {
        action: 'STAFF_UPDATED',
        targetType: AuditTarget.STAFF,
        targetId: profile.userId,
        before,
        after: { ...snapshot(profile), ...account },
      });
      return profile;
    });
  } catch (error) {
    if (error instanceof ForeignKeyConstraintViolationException) throw badUserInput(CHOICE_REMOVED);
    throw error;
  }
}

/** R-STAFF-5: suspension bites on the next request (the gateway reads `active` every time); open sign-ins end too. */
export async function setStaffActive(ctx: OrganizationContext, id: string, active: boolean): Promise<StaffProfile> {
  const viewer = ctx.viewer!;
  const profile = await ctx.em.transactional(async (tx) => {
    const target = await staffOf(tx, viewer.member!.companyId, id, true);
    if (target.grade === Grade.TOTAL_ADMIN) throw badUserInput(msg('The total admin cannot be suspended.', '총괄관리자 계정은 사용중지할 수 없습니다.'));
    if (target.active === active) return target;
    target.active = active;
    await tx.flush();
    await recordAudit(tx, viewer, {
      action: active ? 'STAFF_REACTIVATED' : 'STAFF_SUSPENDED',
      targetType: AuditTarget.STAFF,
      targetId: target.userId,
      before: { active: !active },
      after: { active },
    });
    return target;
  });
  if (!active) {
    try {
      await identity(ctx).session.revokeAll.mutate({ accountId: profile.userId, reason: 'SUSPENDED' });
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
    await callIdentity(ctx, (identity) => identity.staffAccount.setPassword.mutate({ accountId: profile.userId, companyId, password }));
  });
  return true;
}

/** R-PERM-1. */
export async function setStaffPermissions(ctx: OrganizationContext, id: string, input: StaffPermissions): Promise<StaffProfile> {
  const viewer = ctx.viewer!;
  return ctx.em.transactional(async (tx) => {
    const profile = await staffOf(tx, viewer.member!.companyId, id, true);
    if (profile.grade === Grade.TOTAL_ADMIN)
      throw badUserInput(msg('The total admin always holds every permission.', '총괄관리자는 항상 모든 권한을 가집니다.'));
    const before = permissionsOf(profile.permissions);
    profile.permissions = staffPermissions(input);
    await tx.flush();
    await recordAudit(tx, viewer, {
      action: 'STAFF_PERMISSIONS_SET',
      targetType: AuditTarget.STAFF,
      targetId: profile.userId,
      before,
      after: permissionsOf(profile.permissions),
    });
    return profile;
  });
}
