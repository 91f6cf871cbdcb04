import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException, raw, sql, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { z } from 'zod';
import {
  ALL_PERMISSIONS,
  parseContract,
  businessNumberRegisteredRequest,
  type businessNumberRegisteredResponse,
  conflict,
  type EntityManager,
  Grade,
  referralResolveRequest,
  type referralResolveResponse,
  signupCompanyCancelRequest,
  type signupCompanyCancelResponse,
  signupCompanyRequest,
  type signupCompanyResponse,
} from '@econtract/server-kit';
import type { OrganizationContext } from '../context.ts';
import { staffPermissions } from '../staff/staff-permissions.ts';
import { StaffProfile } from '../staff/staff-profile.entity.ts';
import { Company, CompanyKind } from './company.entity.ts';

// Internal routes identity's signup calls (contracts in server-kit's contracts.ts); never in the public supergraph.

const BUSINESS_NUMBER_TAKEN = '이미 가입된 사업자등록번호입니다. / This business registration number is already registered.';

/** `business-number/registered`: is this business registration number taken (exact digits)? */
export async function businessNumberRegistered(body: unknown, ctx: OrganizationContext): Promise<z.infer<typeof businessNumberRegisteredResponse>> {
  const { businessNumber } = parseContract(businessNumberRegisteredRequest, body);
  return { registered: (await ctx.em.count(Company, { businessNumber })) > 0 };
}

/** The company of the account's staff profile, if the account has one already. */
async function companyOfAccount(em: EntityManager, accountId: string): Promise<string | null> {
  const profile = await em.findOne(StaffProfile, { userId: accountId }, { fields: ['company'], disableIdentityMap: true });
  return profile?.company.id ?? null;
}

/**
 * `signup/company`: the new member's company (CORPORATE) or personal workspace (PERSONAL) and their
 * profile, in one transaction; idempotent by accountId. A taken business number is CONFLICT.
 */
export async function signupCompany(body: unknown, ctx: OrganizationContext): Promise<z.infer<typeof signupCompanyResponse>> {
  const request = parseContract(signupCompanyRequest, body);
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

/** `signup/company/cancel`: undo `signup/company` for an account whose signup failed later; idempotent. */
export async function signupCompanyCancel(body: unknown, ctx: OrganizationContext): Promise<z.infer<typeof signupCompanyCancelResponse>> {
  const { accountId } = parseContract(signupCompanyCancelRequest, body);
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
    if (error instanceof ForeignKeyConstraintViolationException) throw conflict('This company already has other members and cannot be cancelled.');
    throw error;
  }
}

/** `referral/resolve`: the corporate company a referral code belongs to, regardless of case and surrounding spaces. */
export async function referralResolve(body: unknown, ctx: OrganizationContext): Promise<z.infer<typeof referralResolveResponse>> {
  const code = parseContract(referralResolveRequest, body).code.trim();
  if (!code) return null;
  const company = await ctx.em.findOne(
    Company,
    { [sql.upper('referral_code')]: raw('upper(?)', [code]), kind: CompanyKind.CORPORATE },
    { fields: ['id'], disableIdentityMap: true },
  );
  return company ? { companyId: company.id } : null;
}
