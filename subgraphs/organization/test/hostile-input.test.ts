import { describe, expect, it } from 'vitest';
import { foldCase, normalizeText } from '@econtract/server-kit';
import { errorCode, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { LoginDocument } from '@econtract/sdk';

// The five causes of internal errors the hostile-input attack found, each fixed once at its root.
const stack = useStack();

const SAVE_RANKS = 'mutation ($names: [String!]!) { saveRanks(names: $names) { id name } }';
const UPDATE_DEPARTMENT = 'mutation ($id: ID!, $input: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $input) { id name parent { id } } }';
const CREATE_DEPARTMENT = 'mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id name } }';
const REGISTER = 'mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }';

const auditRows = async () => Number((await stack.sql('select count(*) as n from organization.audit_entry'))[0].n);

describe('one normalisation of every text argument', () => {
  it('refuses NUL and unpaired surrogates anywhere with BAD_USER_INPUT, in both languages', async () => {
    const admin = await stack.login('demo-admin');
    const before = await auditRows();
    for (const bad of ['a\u0000b', '\u0000', 'x\uD800', '\uDC00y', '부서\uD83D']) {
      const login = await stack.graphql(LoginDocument, { loginId: `demo-admin${bad}`, password: 'Demo-pass-2026!' });
      expect(errorCode(login), JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      const created = await stack.graphql(CREATE_DEPARTMENT, { input: { name: bad } }, { token: admin, headers: { 'accept-language': 'ko' } });
      expect(errorCode(created)).toBe('BAD_USER_INPUT');
      expect(created.errors?.[0]?.message).toMatch(/[가-힣]/);
      expect(errorCode(await stack.graphql(SAVE_RANKS, { names: ['사원', bad] }, { token: admin }))).toBe('BAD_USER_INPUT');
      const signup = await stack.graphql('mutation ($i: SignUpIndividualInput!) { signUpIndividual(input: $i) { user { id } } }', {
        i: { loginId: 'hostile1', password: 'Correct-horse-9!', name: `홍${bad}`, email: 'hostile@example.com' },
      });
      expect(errorCode(signup)).toBe('BAD_USER_INPUT');
    }
    expect(await auditRows()).toBe(before);
  });

  it('keeps emoji and paired surrogates, and stores Korean names in NFC', async () => {
    const admin = await stack.login('demo-admin');
    const decomposed = '인사팀'.normalize('NFD');
    expect(decomposed).not.toBe('인사팀');
    const created = await stack.graphql(CREATE_DEPARTMENT, { input: { name: `${decomposed} 🎉` } }, { token: admin });
    expect(created.errors).toBeUndefined();
    expect(created.data.createDepartment.name).toBe('인사팀 🎉');
    const [row] = await stack.sql('select name from organization.department where id = ?', [created.data.createDepartment.id]);
    expect(row.name).toBe('인사팀 🎉');
    expect(normalizeText('ok', 'f')).toBe('ok');
  });
});

describe('one id parser', () => {
  it('reads ids in any case as the same id, so a department cannot become its own parent in upper case', async () => {
    const admin = await stack.login('demo-admin');
    const self = DemoOrganization.management.toUpperCase();
    const result = await stack.graphql(UPDATE_DEPARTMENT, { id: DemoOrganization.management, input: { parentId: self } }, { token: admin });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/own parent/);
    const renamed = await stack.graphql(UPDATE_DEPARTMENT, { id: self, input: { name: '경영지원팀' } }, { token: admin });
    expect(renamed.data.updateDepartment.id).toBe(DemoOrganization.management);
  });

  it('refuses an empty or malformed id with BAD_USER_INPUT, before anything is written', async () => {
    const admin = await stack.login('demo-admin');
    const accounts = async () => Number((await stack.sql('select count(*) as n from identity.account'))[0].n);
    const before = await accounts();
    for (const departmentId of ['', ' ', 'x', `${DemoOrganization.sales}0`]) {
      const input = { loginId: 'emptydept1', password: 'Correct-horse-9!', name: '빈부서', email: 'emptydept@example.com', grade: 'STAFF', departmentId };
      expect(errorCode(await stack.graphql(REGISTER, { input }, { token: admin })), JSON.stringify(departmentId)).toBe('BAD_USER_INPUT');
    }
    expect(await accounts()).toBe(before);
  });
});

describe('one case folding, in code and database alike', () => {
  it('treats ΑΣ, ασ and ας as the same rank name', async () => {
    const admin = await stack.login('demo-admin');
    expect(foldCase('ΑΣ')).toBe(foldCase('ασ'));
    expect(foldCase('ας')).toBe(foldCase('ασ'));
    const twice = await stack.graphql(SAVE_RANKS, { names: ['ΑΣ', 'ασ'] }, { token: admin });
    expect(errorCode(twice)).toBe('BAD_USER_INPUT');
    const first = await stack.graphql(SAVE_RANKS, { names: ['ΑΣ', '사원'] }, { token: admin });
    expect(first.errors).toBeUndefined();
    const again = await stack.graphql(SAVE_RANKS, { names: ['ας', '사원'] }, { token: admin });
    expect(again.errors).toBeUndefined();
    expect(again.data.saveRanks[0]).toEqual({ id: first.data.saveRanks[0].id, name: 'ας' });
    const keys = await stack.sql(
      'select name_key from organization.rank where company_id = (select company_id from organization.rank where id = ?) order by position',
      [first.data.saveRanks[0].id],
    );
    expect(keys.map((row) => row.name_key)).toEqual([foldCase('ας'), '사원']);
  });

  it('treats department names that differ only by Greek sigma as the same name among siblings', async () => {
    const admin = await stack.login('demo-admin');
    const created = await stack.graphql(CREATE_DEPARTMENT, { input: { name: 'ΟΔΟΣ' } }, { token: admin });
    expect(created.errors).toBeUndefined();
    expect(errorCode(await stack.graphql(CREATE_DEPARTMENT, { input: { name: 'οδοσ' } }, { token: admin }))).toBe('CONFLICT');
    // A rename moves the key with the name: the old name is free again.
    expect(
      (await stack.graphql(UPDATE_DEPARTMENT, { id: created.data.createDepartment.id, input: { name: 'ΔΡΟΜΟΣ' } }, { token: admin })).errors,
    ).toBeUndefined();
    expect((await stack.graphql(CREATE_DEPARTMENT, { input: { name: 'οδοσ' } }, { token: admin })).errors).toBeUndefined();
  });
});
