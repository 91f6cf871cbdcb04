import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@econtract/server-kit';
import { DemoIds, malformed, useStack } from '@econtract/testkit';
import type { OrganizationRoutes } from '../src/organization.routes.ts';

const stack = useStack();

const signup = () => stack.internal<OrganizationRoutes>('organization', { caller: 'identity' }).signup;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  stack.subgraphs.organization.createContext().em.getConnection().execute<T[]>(query, params);

/** The route's refusal, or a failure if it answered. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const corporate = (accountId: string, businessNumber: string, name = '가입테스트(주)') =>
  signup().createCompany.mutate({ kind: 'CORPORATE', accountId, name, businessNumber, representative: '홍대표' });
const personal = (accountId: string, name = '홍개인') => signup().createCompany.mutate({ kind: 'PERSONAL', accountId, name });

const companiesWithNumber = async (businessNumber: string) =>
  Number((await sql<{ count: string }>('select count(*) as count from organization.company where business_number = ?', [businessNumber]))[0]!.count);
const companiesCreatedBy = async (accountId: string) =>
  Number((await sql<{ count: string }>('select count(*) as count from organization.company where created_by_account_id = ?', [accountId]))[0]!.count);
const profileOf = async (accountId: string) => (await sql('select * from organization.staff_profile where user_id = ?', [accountId]))[0];

// Valid business registration numbers (check digit holds); the demo company has 1234567891.
const NUMBER_A = '2208162517';
const NUMBER_B = '1018200046';
const NUMBER_C = '2148198534';

describe('signup internal routes (organization)', () => {
  it('tells whether a business number is registered', async () => {
    expect(await signup().businessNumberRegistered.query({ businessNumber: '1234567891' })).toEqual({ registered: true });
    expect(await signup().businessNumberRegistered.query({ businessNumber: NUMBER_C })).toEqual({ registered: false });
  });

  it('creates a corporate company with its total admin, and a retry creates nothing more', async () => {
    const accountId = randomUUID();
    const first = await corporate(accountId, NUMBER_A);
    expect(first).toEqual({ companyId: expect.any(String), created: true });
    const [company] = await sql('select * from organization.company where id = ?', [first.companyId]);
    expect(company).toMatchObject({
      kind: 'CORPORATE',
      name: '가입테스트(주)',
      business_number: NUMBER_A,
      representative: '홍대표',
      created_by_account_id: accountId,
    });
    expect(await profileOf(accountId)).toMatchObject({
      company_id: first.companyId,
      grade: 'TOTAL_ADMIN',
      active: true,
      approval_authority: true,
      can_write: true,
      can_edit: true,
      can_delete: true,
      can_sign: true,
      can_discard: true,
    });
    expect(await signup().businessNumberRegistered.query({ businessNumber: NUMBER_A })).toEqual({ registered: true });

    const retry = await corporate(accountId, NUMBER_A);
    expect(retry).toEqual({ companyId: first.companyId, created: false });
    expect(await companiesWithNumber(NUMBER_A)).toBe(1);
    expect(await companiesCreatedBy(accountId)).toBe(1);
  });

  it('creates a personal workspace with its individual member', async () => {
    const accountId = randomUUID();
    const result = await personal(accountId, '홍길동');
    expect(result.created).toBe(true);
    const [workspace] = await sql('select * from organization.company where id = ?', [result.companyId]);
    expect(workspace).toMatchObject({ kind: 'PERSONAL', name: '홍길동', business_number: null, representative: null, created_by_account_id: accountId });
    expect(await profileOf(accountId)).toMatchObject({
      company_id: result.companyId,
      grade: 'INDIVIDUAL',
      can_write: true,
      can_edit: true,
      can_delete: true,
      can_sign: true,
      can_discard: true,
    });
  });

  it('refuses a registered business number with CONFLICT and creates nothing', async () => {
    const accountId = randomUUID();
    const error = await refusal(corporate(accountId, '1234567891', '중복(주)'));
    expect(error.code).toBe('CONFLICT');
    // Both languages cross the internal route, so identity can pass the refusal on to a Korean client.
    expect(error.localized).toEqual({ en: 'This business registration number is already registered.', ko: '이미 가입된 사업자등록번호입니다.' });
    expect(await companiesWithNumber('1234567891')).toBe(1);
    expect(await companiesCreatedBy(accountId)).toBe(0);
    expect(await profileOf(accountId)).toBeUndefined();
  });

  it('lets exactly one of two concurrent signups with the same new business number through', async () => {
    const accounts = [randomUUID(), randomUUID()];
    const results = await Promise.allSettled(accounts.map((accountId) => corporate(accountId, NUMBER_B)));
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0]!.value.created).toBe(true);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(AppError);
    expect((rejected[0]!.reason as AppError).code).toBe('CONFLICT');
    expect(await companiesWithNumber(NUMBER_B)).toBe(1);
    const profiles = await sql('select user_id from organization.staff_profile where user_id in (?, ?)', accounts);
    expect(profiles).toHaveLength(1);
  });

  it('answers 10 concurrent signups of one account with one company', async () => {
    const accountId = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => personal(accountId)));
    const companyIds = new Set(results.map((result) => result.companyId));
    expect(companyIds.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await companiesCreatedBy(accountId)).toBe(1);
    expect(await profileOf(accountId)).toMatchObject({ company_id: [...companyIds][0] });
  });

  it('cancels a signup once: company and profile go, a second cancel is a no-op', async () => {
    const accountId = randomUUID();
    const { companyId } = await corporate(accountId, NUMBER_C);
    expect(await signup().cancelCompany.mutate({ accountId })).toEqual({ cancelled: true });
    expect(await sql('select id from organization.company where id = ?', [companyId])).toEqual([]);
    expect(await profileOf(accountId)).toBeUndefined();
    expect(await signup().businessNumberRegistered.query({ businessNumber: NUMBER_C })).toEqual({ registered: false });
    expect(await signup().cancelCompany.mutate({ accountId })).toEqual({ cancelled: false });
  });

  it('never cancels a company the account did not create', async () => {
    expect(await signup().cancelCompany.mutate({ accountId: randomUUID() })).toEqual({ cancelled: false });
    expect(await signup().cancelCompany.mutate({ accountId: DemoIds.totalAdmin })).toEqual({ cancelled: false });
    expect(await sql('select id from organization.company where id = ?', [DemoIds.company])).toHaveLength(1);
    expect(await profileOf(DemoIds.totalAdmin)).toMatchObject({ company_id: DemoIds.company });
  });

  it('resolves a referral code regardless of case and surrounding spaces', async () => {
    await sql(`update organization.company set referral_code = 'AbC123XyZ' where id = ?`, [DemoIds.company]);
    await sql(`update organization.company set referral_code = 'PERSONAL1' where id = ?`, [DemoIds.personalWorkspace]);
    expect(await signup().resolveReferral.query({ code: 'abc123xyz' })).toEqual({ companyId: DemoIds.company });
    expect(await signup().resolveReferral.query({ code: '  ABC123XYZ ' })).toEqual({ companyId: DemoIds.company });
    expect(await signup().resolveReferral.query({ code: 'nope-0000' })).toBeNull();
    // Only corporate members refer.
    expect(await signup().resolveReferral.query({ code: 'personal1' })).toBeNull();
  });

  it('keeps referral codes unique regardless of case', async () => {
    await sql(`update organization.company set referral_code = 'DUP-CODE' where id = ?`, [DemoIds.company]);
    await expect(sql(`update organization.company set referral_code = 'dup-code' where id = ?`, [DemoIds.personalWorkspace])).rejects.toThrow(
      /company_referral_code_unique/,
    );
  });

  it('refuses malformed bodies with BAD_USER_INPUT', async () => {
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['businessNumberRegistered', () => signup().businessNumberRegistered.query({ businessNumber: '123-45-67891' })],
      [
        'createCompany',
        () => signup().createCompany.mutate(malformed({ kind: 'CORPORATE', accountId: randomUUID(), name: '무번호(주)', representative: '홍대표' })),
      ],
      ['createCompany', () => signup().createCompany.mutate({ kind: 'PERSONAL', accountId: 'not-a-uuid', name: '홍개인' })],
      ['createCompany', () => signup().createCompany.mutate(malformed({ kind: 'OPERATOR', accountId: randomUUID(), name: '고객센터' }))],
      ['cancelCompany', () => signup().cancelCompany.mutate(malformed({}))],
      ['resolveReferral', () => signup().resolveReferral.query({ code: '' })],
    ];
    for (const [route, call] of calls) {
      expect((await refusal(call())).code, route).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses callers without an internal token', async () => {
    for (const route of ['signup.businessNumberRegistered', 'signup.createCompany', 'signup.cancelCompany', 'signup.resolveReferral']) {
      const response = await fetch(`${stack.subgraphs.organization.url}/internal/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'PERSONAL', accountId: randomUUID(), name: '침입자', businessNumber: '1234567891', code: 'x' }),
      });
      expect(response.status, route).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});
