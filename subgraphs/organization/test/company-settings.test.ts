import { describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { internal, ok, otherCompany, refused } from './organization.helpers.ts';

const stack = useStack();

const SETTINGS = '{ company { id settings { internalApproval contractNumbering } } }';
const UPDATE = 'mutation ($input: UpdateCompanySettingsInput!) { updateCompanySettings(input: $input) { settings { internalApproval contractNumbering } } }';
const GENERATE = 'mutation { generateReferralCode { referralCode } }';
const AUDIT =
  'query ($first: Int!, $after: String) { auditLog(first: $first, after: $after) { edges { cursor node { action targetType targetId before after actor { id loginId } createdAt } } pageInfo { hasNextPage endCursor } } }';

describe('company settings (R-COMPANY-1,2)', () => {
  it('shows every member the defaults: no internal approval, automatic numbering', async () => {
    const token = await stack.login('demo-staff');
    expect((await ok(stack, token, SETTINGS)).company).toEqual({ id: DemoIds.company, settings: { internalApproval: false, contractNumbering: 'AUTO' } });
  });

  it('lets the total admin change them, one field at a time, and records who changed what', async () => {
    const token = await stack.login('demo-admin');
    expect((await ok(stack, token, UPDATE, { input: { internalApproval: true } })).updateCompanySettings.settings).toEqual({
      internalApproval: true,
      contractNumbering: 'AUTO',
    });
    expect((await ok(stack, token, UPDATE, { input: { contractNumbering: 'MANUAL' } })).updateCompanySettings.settings).toEqual({
      internalApproval: true,
      contractNumbering: 'MANUAL',
    });
    const staffToken = await stack.login('demo-staff');
    expect((await ok(stack, staffToken, SETTINGS)).company.settings).toEqual({ internalApproval: true, contractNumbering: 'MANUAL' });

    const [latest] = (await ok(stack, token, AUDIT, { first: 1 })).auditLog.edges;
    expect(latest.node).toMatchObject({
      action: 'COMPANY_SETTINGS_UPDATED',
      targetType: 'COMPANY',
      targetId: DemoIds.company,
      actor: { id: DemoIds.totalAdmin, loginId: 'demo-admin' },
    });
    expect(JSON.parse(latest.node.before)).toEqual({ internalApproval: true, contractNumbering: 'AUTO' });
    expect(JSON.parse(latest.node.after)).toEqual({ internalApproval: true, contractNumbering: 'MANUAL' });
    await ok(stack, token, UPDATE, { input: { internalApproval: false, contractNumbering: 'AUTO' } });
  });

  it('refuses everyone but the total admin, and changes nothing', async () => {
    for (const login of ['demo-manager', 'demo-staff', 'operator']) {
      const refusal = await refused(stack, await stack.login(login), UPDATE, { input: { internalApproval: true } });
      expect(refusal.code, login).toBe('FORBIDDEN');
    }
    const individual = await refused(stack, await stack.login('demo-individual'), UPDATE, { input: { internalApproval: true } });
    expect(individual).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('personal workspace') });
    expect((await refused(stack, '', UPDATE, { input: { internalApproval: true } })).code).toBe('UNAUTHENTICATED');
    const [company] = await stack.sql('select internal_approval, contract_numbering from organization.company where id = ?', [DemoIds.company]);
    expect(company).toEqual({ internal_approval: false, contract_numbering: 'AUTO' });
  });

  it('refuses an unknown numbering mode', async () => {
    const refusal = await refused(stack, await stack.login('demo-admin'), UPDATE, { input: { contractNumbering: 'SOMETIMES' } });
    expect(refusal.code).toBe('BAD_USER_INPUT');
  });
});

describe('referral code (R-COMPANY-3)', () => {
  it('is generated on request: 10 unambiguous characters, replaced when regenerated, resolvable in any case', async () => {
    const token = await stack.login('demo-admin');
    expect((await ok(stack, token, '{ company { referralCode } }')).company.referralCode).toBeNull();
    const first: string = (await ok(stack, token, GENERATE)).generateReferralCode.referralCode;
    expect(first).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    const second: string = (await ok(stack, token, GENERATE)).generateReferralCode.referralCode;
    expect(second).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    expect(second).not.toBe(first);
    expect((await ok(stack, token, '{ company { referralCode } }')).company.referralCode).toBe(second);
    expect(await internal(stack).signup.resolveReferral.query({ code: second.toLowerCase() })).toEqual({ companyId: DemoIds.company });
    expect(await internal(stack).signup.resolveReferral.query({ code: first })).toBeNull();

    const [latest] = (await ok(stack, token, AUDIT, { first: 1 })).auditLog.edges;
    expect(latest.node.action).toBe('REFERRAL_CODE_GENERATED');
    expect(JSON.parse(latest.node.before)).toEqual({ referralCode: first });
    expect(JSON.parse(latest.node.after)).toEqual({ referralCode: second });
  });

  it('draws a different code each time', async () => {
    const token = await stack.login('demo-admin');
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) codes.add((await ok(stack, token, GENERATE)).generateReferralCode.referralCode);
    expect(codes.size).toBe(20);
  });

  it('is shown to and generated by the total admin only; a personal workspace has none', async () => {
    const staff = await refused(stack, await stack.login('demo-staff'), '{ company { name referralCode } }');
    expect(staff.code).toBe('FORBIDDEN');
    expect(staff.result.data?.company).toEqual({ name: '데모전자(주)', referralCode: null });
    expect((await refused(stack, await stack.login('demo-manager'), GENERATE)).code).toBe('FORBIDDEN');
    const individual = await refused(stack, await stack.login('demo-individual'), GENERATE);
    expect(individual).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('personal workspace') });
    const [workspace] = await stack.sql('select referral_code from organization.company where id = ?', [DemoIds.personalWorkspace]);
    expect(workspace.referral_code).toBeNull();
  });
});

describe('audit log', () => {
  it('pages newest first with a cursor, for the total admin only', async () => {
    const token = await stack.login('demo-admin');
    for (const internalApproval of [true, false, true]) await ok(stack, token, UPDATE, { input: { internalApproval } });
    const all = (await ok(stack, token, AUDIT, { first: 200 })).auditLog.edges;
    const pageOne = (await ok(stack, token, AUDIT, { first: 2 })).auditLog;
    expect(pageOne.edges).toHaveLength(2);
    expect(pageOne.pageInfo.hasNextPage).toBe(true);
    const pageTwo = (await ok(stack, token, AUDIT, { first: 2, after: pageOne.pageInfo.endCursor })).auditLog;
    expect([...pageOne.edges, ...pageTwo.edges].map((edge: any) => edge.cursor)).toEqual(all.slice(0, 4).map((edge: any) => edge.cursor));
    expect(JSON.parse(all[0].node.after)).toEqual({ internalApproval: true, contractNumbering: 'AUTO' });
    expect(JSON.parse(all[1].node.after)).toEqual({ internalApproval: false, contractNumbering: 'AUTO' });
    const times = all.map((edge: any) => Date.parse(edge.node.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    expect((await refused(stack, await stack.login('demo-manager'), AUDIT, { first: 5 })).code).toBe('FORBIDDEN');
    expect((await refused(stack, token, AUDIT, { first: 5, after: 'not-a-cursor' })).code).toBe('BAD_USER_INPUT');
    expect((await refused(stack, token, AUDIT, { first: 0 })).code).toBe('BAD_USER_INPUT');
    // A well-formed cursor that is not one of this company's audit entries: refused, not an empty page.
    const staffCursor = (await ok(stack, token, '{ staffMembers(first: 1) { edges { cursor } } }')).staffMembers.edges[0].cursor;
    expect((await refused(stack, token, AUDIT, { first: 5, after: staffCursor })).code).toBe('BAD_USER_INPUT');
    const otherAdmin = (await otherCompany(stack)).token;
    expect((await refused(stack, otherAdmin, AUDIT, { first: 5, after: pageOne.pageInfo.endCursor })).code).toBe('BAD_USER_INPUT');
  });
});
