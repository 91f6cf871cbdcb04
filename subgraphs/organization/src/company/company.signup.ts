import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException, raw, sql, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ALL_PERMISSIONS, conflict, type EntityManager, Grade, msg } from '@econtract/server-kit';
import type { OrganizationContext } from '../context.ts';
import { staffPermissions } from '../staff/staff-permissions.ts';
import { StaffProfile } from '../staff/staff-profile.entity.ts';
import { Company, CompanyKind } from './company.entity.ts';
import type { SignupCompanyRequest } from './signup.routes.ts';

// What identity's signup calls through `signup.routes.ts`; never in the public supergraph.

const BUSINESS_NUMBER_TAKEN = msg('This business registration number is already registered.', '이미 가입된 사업자등록번호입니다.');

/** `signup.businessNumberRegistered`: is this business registration number taken (exact digits)? */
export async function businessNumberRegistered({ businessNumber }: { businessNumber: string }, ctx: OrganizationContext): Promise<{ registered: boolean }> {
  return { registered: (await ctx.em.count(Company, { businessNumber })) > 0 };
}

/** The company of the account's staff profile, if the account has one already. */
async function companyOfAccount(em: EntityManager, accountId: string): Promise<string | null> {
  const profile = await em.findOne(StaffProfile, { userId: accountId }, { fields: ['company'], disableIdentityMap: true });
  return profile?.company.id ?? null;
}

/**
 * `signup.createCompany`: the new member's company (CORPORATE) or personal workspace (PERSONAL) and their
 * profile, in one transaction; idempotent by accountId. A taken business number is CONFLICT.
 */
export async function signupCompany(request: SignupCompanyRequest, ctx: OrganizationContext): Promise<{ companyId: string; created: boolean }> {
  const existing = await companyOfAccount(ctx.em, request.accountId);
  if (existing) return { companyId: existing, created: false };
  try {
    const companyId = await ctx.em.transactional(async (em) => {
      const company =
        request.kind === 'CORPORATE'
          ? em.create(Company, {
              id: randomUUID(),
              kind: CompanyKind.CORPORATE,
              name: request.name,
              businessNumber: request.businessNumber,
              representative: request.representative,
              createdByAccountId: request.accountId,
            } as Company)
          : em.create(Company, { id: randomUUID(), kind: CompanyKind.PERSONAL, name: request.name, createdByAccountId: request.accountId } as Company);
      // An individual has every right on their own contracts; a total admin also approves.
      em.create(StaffProfile, {
        userId: request.accountId,
        company,
        grade: request.kind === 'CORPORATE' ? Grade.TOTAL_ADMIN : Grade.INDIVIDUAL,
        approvalAuthority: request.kind === 'CORPORATE',
        permissions: staffPermissions(ALL_PERMISSIONS),
      } as StaffProfile);
      await em.flush();
      return company.id;
    });
    return { companyId, created: true };
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // A concurrent call for the same account won the race: answer as its retry would.
    const raced = await companyOfAccount(ctx.em.fork(), request.accountId);
    if (raced) return { companyId: raced, created: false };
    if ((error as { constraint?: string }).constraint === 'company_business_number_unique') throw conflict(BUSINESS_NUMBER_TAKEN);
    throw error;
  }
}

/** `signup.cancelCompany`: undo `signup.createCompany` for an account whose signup failed later; idempotent. */
export async function signupCompanyCancel({ accountId }: { accountId: string }, ctx: OrganizationContext): Promise<{ cancelled: boolean }> {
  try {
    return await ctx.em.transactional(async (em) => {
      // Only the company this account's signup created, never one it merely belongs to.
      const company = await em.findOne(Company, { createdByAccountId: accountId }, { fields: ['id'], disableIdentityMap: true });
      if (!company) return { cancelled: false };
      await em.nativeDelete(StaffProfile, { userId: accountId, company: company.id });
      await em.nativeDelete(Company, { id: company.id });
      return { cancelled: true };
    });
  } catch (error) {
    // Someone else joined the company meanwhile: it is in use, so it stays.
    if (error instanceof ForeignKeyConstraintViolationException)
      throw conflict(msg('This company already has other members and cannot be cancelled.', '다른 구성원이 이미 있는 회사이므로 취소할 수 없습니다.'));
    throw error;
  }
}

/** `signup.resolveReferral`: the corporate company a referral code belongs to, regardless of case and surrounding spaces. */
export async function referralResolve(request: { code: string }, ctx: OrganizationContext): Promise<{ companyId: string } | null> {
  const code = request.code.trim();
  if (!code) return null;
  const company = await ctx.em.findOne(
    Company,
    { [sql.upper('referral_code')]: raw('upper(?)', [code]), kind: CompanyKind.CORPORATE },
    { fields: ['id'], disableIdentityMap: true },
  );
  return company ? { companyId: company.id } : null;
}
