import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, newMemberFields, tokenMailedTo, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { ok, refused } from './organization.helpers.ts';
import { LoginDocument, VerifyEmailDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();
let admin: string;
beforeAll(async () => {
  admin = await stack.login('demo-admin');
});

const REGISTER = `mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) {
  id loginId name email emailVerified grade approvalAuthority active department { id name } rank { id name } permissions { write edit delete sign discard } company { id } } }`;
const UPDATE =
  'mutation ($id: ID!, $input: UpdateStaffInput!) { updateStaff(id: $id, input: $input) { id name email phone grade approvalAuthority department { id } rank { id } } }';
const SET_ACTIVE = 'mutation ($id: ID!, $active: Boolean!) { setStaffActive(id: $id, active: $active) { id active } }';
const SET_PASSWORD = 'mutation ($id: ID!, $password: String!) { setStaffPassword(id: $id, password: $password) }';
const SET_PERMISSIONS =
  'mutation ($id: ID!, $input: StaffPermissionsInput!) { setStaffPermissions(id: $id, input: $input) { id permissions { write edit delete sign discard } } }';
const APPROVERS = 'query ($s: String) { approvers(search: $s) { id loginId name } }';
const STAFF =
  'query ($filter: StaffFilter, $first: Int!, $after: String) { staffMembers(filter: $filter, first: $first, after: $after) { edges { cursor node { id loginId grade active } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
const NONE = { write: false, edit: false, delete: false, sign: false, discard: false };

const staffInput = (overrides: Record<string, unknown> = {}) => {
  const { loginId, password, name, email, phone } = newMemberFields('st');
  return {
    loginId,
    password,
    name,
    email,
    phone,
    grade: 'STAFF',
    departmentId: DemoOrganization.salesTeam1,
    rankId: DemoOrganization.ranks[0].id,
    ...overrides,
  };
};
const accountsWithLogin = async (loginId: string) => (await stack.sql('select id from identity.account where lower(login_id) = lower(?)', [loginId])).length;
const profileCount = async () => Number((await stack.sql('select count(*) as n from organization.staff_profile where company_id = ?', [DemoIds.company]))[0].n);

/** Registers and verifies a staff member; returns their id, input and a token. */
async function verifiedStaff(overrides: Record<string, unknown> = {}) {
  const input = staffInput(overrides);
  const { registerStaff } = await ok(stack, admin, REGISTER, { input });
  const verification = await tokenMailedTo(stack, input.email, 'Verification token');
  expect((await stack.graphql(VerifyEmailDocument, { token: verification })).data.verifyEmail).toBe(true);
  return { id: registerStaff.id as string, input, token: await stack.login(input.loginId, input.password) };
}

describe('registering staff (R-STAFF-1,2)', () => {
  it('creates the login account and the profile together; the account works after email verification', async () => {
    const input = staffInput({ grade: 'DEPARTMENT_MANAGER', approvalAuthority: true, permissions: { ...NONE, write: true, sign: true } });
    const { registerStaff } = await ok(stack, admin, REGISTER, { input });
    expect(registerStaff).toEqual({
      id: expect.any(String),
      loginId: input.loginId,
      name: input.name,
      email: input.email,
      emailVerified: false,
      grade: 'DEPARTMENT_MANAGER',
      approvalAuthority: true,
      active: true,
      department: { id: DemoOrganization.salesTeam1, name: '영업1팀' },
      rank: { id: DemoOrganization.ranks[0].id, name: '사원' },
      permissions: { ...NONE, write: true, sign: true },
      company: { id: DemoIds.company },
    });
    expect(await stack.outbox(input.email)).toHaveLength(1);
    const beforeVerify = await stack.graphql(LoginDocument, { loginId: input.loginId, password: input.password });
    expect(beforeVerify.errors?.[0]?.extensions?.code).toBe('EMAIL_NOT_VERIFIED');

    const verification = await tokenMailedTo(stack, input.email, 'Verification token');
    expect((await stack.graphql(VerifyEmailDocument, { token: verification })).data.verifyEmail).toBe(true);
    const token = await stack.login(input.loginId, input.password);
    expect((await ok(stack, token, '{ viewer { id grade department { name } permissions { write sign } } }')).viewer).toEqual({
      id: registerStaff.id,
      grade: 'DEPARTMENT_MANAGER',
      department: { name: '영업1팀' },
      permissions: { write: true, sign: true },
    });
    const [entry] = (await ok(stack, admin, '{ auditLog(first: 1) { edges { node { action targetId actor { id } after } } } }')).auditLog.edges;
    expect(entry.node).toMatchObject({ action: 'STAFF_REGISTERED', targetId: registerStaff.id, actor: { id: DemoIds.totalAdmin } });
    expect(JSON.parse(entry.node.after)).toMatchObject({ loginId: input.loginId, grade: 'DEPARTMENT_MANAGER', departmentId: DemoOrganization.salesTeam1 });
    expect(JSON.stringify(entry.node.after)).not.toContain(input.password);
  });

  it('registers once for a retried request with the same idempotency key', async () => {
    const input = staffInput({ idempotencyKey: randomUUID() });
    const first = (await ok(stack, admin, REGISTER, { input })).registerStaff;
    const again = (await ok(stack, admin, REGISTER, { input })).registerStaff;
    expect(again.id).toBe(first.id);
    const concurrent = await Promise.all([1, 2, 3].map(() => stack.graphql(REGISTER, { input }, { token: admin })));
    for (const result of concurrent) expect(result.data?.registerStaff?.id).toBe(first.id);
    expect(await accountsWithLogin(input.loginId)).toBe(1);
    expect(await stack.sql('select user_id from organization.staff_profile where user_id = ?', [first.id])).toHaveLength(1);
    expect(await stack.outbox(input.email)).toHaveLength(1);
  });

  it('refuses what identity refuses (taken login ID, weak password, bad email) and leaves nothing behind', async () => {
    const before = await profileCount();
    const taken = await refused(stack, admin, REGISTER, { input: staffInput({ loginId: 'DEMO-STAFF' }) });
    expect(taken.code).toBe('CONFLICT');
    const weak = staffInput({ password: 'short' });
    expect((await refused(stack, admin, REGISTER, { input: weak })).code).toBe('BAD_USER_INPUT');
    expect(await accountsWithLogin(weak.loginId)).toBe(0);
    const badEmail = staffInput({ email: 'not-an-email' });
    expect((await refused(stack, admin, REGISTER, { input: badEmail })).code).toBe('BAD_USER_INPUT');
    expect(await accountsWithLogin(badEmail.loginId)).toBe(0);
    expect(await profileCount()).toBe(before);
  });

  it('refuses unknown departments and ranks, and grades other than manager or staff, before creating an account', async () => {
    const before = await profileCount();
    for (const overrides of [{ departmentId: randomUUID() }, { rankId: randomUUID() }, { departmentId: 'nope' }]) {
      const input = staffInput(overrides);
      expect((await refused(stack, admin, REGISTER, { input })).code, JSON.stringify(overrides)).toBe('BAD_USER_INPUT');
      expect(await accountsWithLogin(input.loginId)).toBe(0);
    }
    expect((await refused(stack, admin, REGISTER, { input: staffInput({ grade: 'TOTAL_ADMIN' }) })).code).toBe('BAD_USER_INPUT');
    expect(await profileCount()).toBe(before);
  });

  it('cancels the login account when the profile cannot be saved', async () => {
    await stack.sql(
      `create function organization.refuse_profile() returns trigger language plpgsql as $$ begin raise exception 'profile refused for the test'; end $$`,
    );
    await stack.sql('create trigger refuse_profile before insert on organization.staff_profile for each row execute function organization.refuse_profile()');
    try {
      const input = staffInput();
      const result = await stack.graphql(REGISTER, { input }, { token: admin });
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await accountsWithLogin(input.loginId)).toBe(0);
    } finally {
      await stack.sql('drop trigger refuse_profile on organization.staff_profile');
      await stack.sql('drop function organization.refuse_profile()');
    }
  });

  it('is for the total admin only; an individual member is told a personal workspace has no staff', async () => {
    const before = await profileCount();
    for (const login of ['demo-manager', 'demo-staff', 'operator']) {
      const input = staffInput();
      expect((await refused(stack, await stack.login(login), REGISTER, { input })).code, login).toBe('FORBIDDEN');
      expect(await accountsWithLogin(input.loginId)).toBe(0);
    }
    const individual = await refused(stack, await stack.login('demo-individual'), REGISTER, { input: staffInput() });
    expect(individual).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('personal workspace') });
    expect(await profileCount()).toBe(before);
  });
});

describe('managing staff (R-STAFF-4,5, R-PERM-1)', () => {
  it('edits department, rank, grade, approval authority, and name, email and phone in identity', async () => {
    const { id } = await verifiedStaff();
    const email = `changed-${randomUUID().slice(0, 8)}@example.com`;
    const updated = (
      await ok(stack, admin, UPDATE, {
        id,
        input: {
          departmentId: DemoOrganization.management,
          rankId: null,
          grade: 'DEPARTMENT_MANAGER',
          approvalAuthority: true,
          name: '새이름',
          email,
          phone: '010-9999-8888',
        },
      })
    ).updateStaff;
    expect(updated).toEqual({
      id,
      name: '새이름',
      email,
      phone: '01099998888',
      grade: 'DEPARTMENT_MANAGER',
      approvalAuthority: true,
      department: { id: DemoOrganization.management },
      rank: null,
    });
    // A changed email is verified again (R-PROFILE-4 for staff).
    expect(await stack.outbox(email)).toHaveLength(1);
    const [entry] = (await ok(stack, admin, '{ auditLog(first: 1) { edges { node { action before after } } } }')).auditLog.edges;
    expect(entry.node.action).toBe('STAFF_UPDATED');
    expect(JSON.parse(entry.node.before)).toMatchObject({ grade: 'STAFF', departmentId: DemoOrganization.salesTeam1 });
    expect(JSON.parse(entry.node.after)).toMatchObject({ grade: 'DEPARTMENT_MANAGER', departmentId: DemoOrganization.management, name: '새이름', email });
  });

  it('changes nothing when identity refuses part of an edit', async () => {
    const { id } = await verifiedStaff();
    const refusal = await refused(stack, admin, UPDATE, { id, input: { departmentId: DemoOrganization.management, email: 'broken' } });
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect((await stack.sql('select department_id from organization.staff_profile where user_id = ?', [id]))[0].department_id).toBe(
      DemoOrganization.salesTeam1,
    );
  });

  it('refuses to demote, suspend or edit the total admin through staff management', async () => {
    expect((await refused(stack, admin, UPDATE, { id: DemoIds.totalAdmin, input: { grade: 'STAFF' } })).code).toBe('BAD_USER_INPUT');
    expect((await refused(stack, admin, SET_ACTIVE, { id: DemoIds.totalAdmin, active: false })).code).toBe('BAD_USER_INPUT');
    expect((await refused(stack, admin, SET_PERMISSIONS, { id: DemoIds.totalAdmin, input: NONE })).code).toBe('BAD_USER_INPUT');
    expect((await refused(stack, admin, SET_PASSWORD, { id: DemoIds.totalAdmin, password: 'Another-pass-2026!' })).code).toBe('BAD_USER_INPUT');
    const [profile] = await stack.sql('select grade, active, can_write from organization.staff_profile where user_id = ?', [DemoIds.totalAdmin]);
    expect(profile).toEqual({ grade: 'TOTAL_ADMIN', active: true, can_write: true });
    // Department and rank of the total admin may be set.
    expect((await ok(stack, admin, UPDATE, { id: DemoIds.totalAdmin, input: { departmentId: DemoOrganization.management } })).updateStaff.department).toEqual({
      id: DemoOrganization.management,
    });
    await ok(stack, admin, UPDATE, { id: DemoIds.totalAdmin, input: { departmentId: null } });
  });

  it('suspends at once: the very next request is refused, sign-ins end; reactivation needs a new sign-in', async () => {
    const { id, input, token } = await verifiedStaff();
    expect((await ok(stack, token, '{ viewer { id active } }')).viewer).toEqual({ id, active: true });
    expect((await ok(stack, admin, SET_ACTIVE, { id, active: false })).setStaffActive).toEqual({ id, active: false });
    const after = await stack.graphql(ViewerDocument, {}, { token });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const sessions = await stack.sql('select count(*) as n from identity.session where account_id = ? and revoked_at is null', [id]);
    expect(Number(sessions[0].n)).toBe(0);

    await ok(stack, admin, SET_ACTIVE, { id, active: true });
    const again = await stack.login(input.loginId, input.password);
    expect((await ok(stack, again, '{ viewer { id active } }')).viewer).toEqual({ id, active: true });
    const actions = (await ok(stack, admin, '{ auditLog(first: 2) { edges { node { action } } } }')).auditLog.edges.map((edge: any) => edge.node.action);
    expect(actions).toEqual(['STAFF_REACTIVATED', 'STAFF_SUSPENDED']);
  });

  it('sets a password: the old one stops working, the new one works, weak ones are refused', async () => {
    const { id, input, token } = await verifiedStaff();
    expect((await refused(stack, admin, SET_PASSWORD, { id, password: 'weak' })).code).toBe('BAD_USER_INPUT');
    expect((await ok(stack, admin, SET_PASSWORD, { id, password: 'Brand-new-pass-77!' })).setStaffPassword).toBe(true);
    expect((await stack.graphql(ViewerDocument, {}, { token })).status).toBe(401);
    expect((await stack.graphql(LoginDocument, { loginId: input.loginId, password: input.password })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await stack.login(input.loginId, 'Brand-new-pass-77!');
    const [entry] = (await ok(stack, admin, '{ auditLog(first: 1) { edges { node { action targetId before after } } } }')).auditLog.edges;
    expect(entry.node).toEqual({ action: 'STAFF_PASSWORD_SET', targetId: id, before: null, after: null });
  });

  it('grants extra permissions, visible to the member on the next request (R-PERM-1)', async () => {
    const { id, token } = await verifiedStaff();
    expect((await ok(stack, token, '{ viewer { permissions { write edit delete sign discard } } }')).viewer.permissions).toEqual(NONE);
    const granted = { write: true, edit: true, delete: false, sign: true, discard: false };
    expect((await ok(stack, admin, SET_PERMISSIONS, { id, input: granted })).setStaffPermissions).toEqual({ id, permissions: granted });
    expect((await ok(stack, token, '{ viewer { permissions { write edit delete sign discard } } }')).viewer.permissions).toEqual(granted);
    const [entry] = (await ok(stack, admin, '{ auditLog(first: 1) { edges { node { action before after } } } }')).auditLog.edges;
    expect(entry.node.action).toBe('STAFF_PERMISSIONS_SET');
    expect([JSON.parse(entry.node.before), JSON.parse(entry.node.after)]).toEqual([NONE, granted]);
    // Another staff member does not see anyone else's.
    const seen = (await ok(stack, await stack.login('demo-staff'), '{ approvers { id permissions { write } } }')).approvers;
    expect(seen.find((user: { id: string }) => user.id === DemoIds.totalAdmin)).toEqual({ id: DemoIds.totalAdmin, permissions: null });
  });

  it('answers NOT_FOUND for someone outside the company, and FORBIDDEN to everyone but the total admin', async () => {
    for (const [query, variables] of [
      [UPDATE, { id: DemoIds.individual, input: { approvalAuthority: true } }],
      [SET_ACTIVE, { id: DemoIds.individual, active: false }],
      [SET_PASSWORD, { id: DemoIds.individual, password: 'Another-pass-2026!' }],
      [SET_PERMISSIONS, { id: randomUUID(), input: NONE }],
    ] as const) {
      expect((await refused(stack, admin, query, variables)).code).toBe('NOT_FOUND');
    }
    const manager = await stack.login('demo-manager');
    expect((await refused(stack, manager, SET_ACTIVE, { id: DemoIds.staff, active: false })).code).toBe('FORBIDDEN');
    expect((await refused(stack, manager, SET_PERMISSIONS, { id: DemoIds.staff, input: { ...NONE, write: true } })).code).toBe('FORBIDDEN');
    // R-STAFF-4: a manager lists their scope (read-only; see manual-rules.test.ts), and changes nothing.
    expect((await ok(stack, manager, STAFF, { first: 5 })).staffMembers.edges.map((edge: any) => edge.node.id)).not.toContain(DemoIds.totalAdmin);
    const [staff] = await stack.sql('select active, can_write from organization.staff_profile where user_id = ?', [DemoIds.staff]);
    expect(staff).toEqual({ active: true, can_write: false });
  });
});

describe('staff list', () => {
  it('filters by department (with sub-departments), grade, active and name or login ID, and pages with a cursor', async () => {
    const team = (await ok(stack, admin, 'mutation { createDepartment(input: { name: "목록팀" }) { id } }')).createDepartment.id;
    const first = await verifiedStaff({ departmentId: team, name: '검색대상' });
    const second = await verifiedStaff({ departmentId: team, grade: 'DEPARTMENT_MANAGER' });
    await ok(stack, admin, SET_ACTIVE, { id: second.id, active: false });
    const ids = async (filter: Record<string, unknown>, firstCount = 500) =>
      (await ok(stack, admin, STAFF, { filter, first: firstCount })).staffMembers.edges.map((edge: any) => edge.node.id);

    expect(await ids({ departmentId: team })).toEqual([first.id, second.id]);
    expect(await ids({ departmentId: team, active: true })).toEqual([first.id]);
    expect(await ids({ departmentId: team, active: false })).toEqual([second.id]);
    expect(await ids({ departmentId: team, grade: 'DEPARTMENT_MANAGER' })).toEqual([second.id]);
    expect(await ids({ departmentId: DemoOrganization.sales })).toEqual([DemoIds.departmentManager]);
    expect(await ids({ departmentId: DemoOrganization.sales, includeSubDepartments: true })).toEqual(
      expect.arrayContaining([DemoIds.departmentManager, DemoIds.staff]),
    );
    expect(await ids({ search: '검색대' })).toEqual([first.id]);
    expect(await ids({ search: first.input.loginId.toUpperCase() })).toEqual([first.id]);
    expect(await ids({ search: 'DEMO-' })).toEqual([DemoIds.totalAdmin, DemoIds.departmentManager, DemoIds.staff]);

    const all = await ids({});
    expect(all.slice(0, 3)).toEqual([DemoIds.totalAdmin, DemoIds.departmentManager, DemoIds.staff]);
    const pageOne = (await ok(stack, admin, STAFF, { first: 2 })).staffMembers;
    expect(pageOne.pageInfo.hasNextPage).toBe(true);
    expect(pageOne.pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: pageOne.edges[0].cursor, endCursor: pageOne.edges[1].cursor });
    const pageTwo = (await ok(stack, admin, STAFF, { first: 2, after: pageOne.pageInfo.endCursor })).staffMembers;
    expect([...pageOne.edges, ...pageTwo.edges].map((edge: any) => edge.node.id)).toEqual(all.slice(0, 4));
    const searched = (await ok(stack, admin, STAFF, { filter: { search: 'demo-' }, first: 1 })).staffMembers;
    const searchedNext = (await ok(stack, admin, STAFF, { filter: { search: 'demo-' }, first: 5, after: searched.pageInfo.endCursor })).staffMembers;
    expect(searchedNext.edges.map((edge: any) => edge.node.id)).toEqual([DemoIds.departmentManager, DemoIds.staff]);
    expect(searchedNext.pageInfo.hasNextPage).toBe(false);
    expect((await refused(stack, admin, STAFF, { first: 501 })).code).toBe('BAD_USER_INPUT');
  });
});

describe('approvers (R-STAFF-3)', () => {
  it('lists only active, email-verified members with approval authority, searchable by name or login ID', async () => {
    const approver = await verifiedStaff({ approvalAuthority: true, name: '결재자갑' });
    const noAuthority = await verifiedStaff({ approvalAuthority: false, name: '결재자을' });
    const suspended = await verifiedStaff({ approvalAuthority: true, name: '결재자병' });
    await ok(stack, admin, SET_ACTIVE, { id: suspended.id, active: false });
    const unverified = staffInput({ approvalAuthority: true, name: '결재자정' });
    await ok(stack, admin, REGISTER, { input: unverified });

    const token = await stack.login('demo-staff');
    const everyone = (await ok(stack, token, APPROVERS, {})).approvers.map((user: { id: string }) => user.id);
    expect(everyone).toEqual(expect.arrayContaining([approver.id, DemoIds.totalAdmin, DemoIds.departmentManager]));
    expect(everyone).not.toContain(noAuthority.id);
    expect(everyone).not.toContain(suspended.id);
    expect(everyone).not.toContain(DemoIds.staff);
    expect(await stack.sql('select id from identity.account where login_id = ?', [unverified.loginId])).toHaveLength(1);
    expect((await ok(stack, token, APPROVERS, { s: '결재자' })).approvers).toEqual([{ id: approver.id, loginId: approver.input.loginId, name: '결재자갑' }]);
    expect((await ok(stack, token, APPROVERS, { s: approver.input.loginId.toUpperCase() })).approvers.map((user: { id: string }) => user.id)).toEqual([
      approver.id,
    ]);
    expect((await ok(stack, token, APPROVERS, { s: 'demo-man' })).approvers.map((user: { id: string }) => user.id)).toEqual([DemoIds.departmentManager]);
    expect((await ok(stack, token, APPROVERS, { s: 'nobody-by-this-name' })).approvers).toEqual([]);

    // Losing the authority takes the person out of the list.
    await ok(stack, admin, UPDATE, { id: approver.id, input: { approvalAuthority: false } });
    expect((await ok(stack, token, APPROVERS, { s: '결재자' })).approvers).toEqual([]);
  });

  it('shows an individual member nobody but possibly themself, and the operator nothing', async () => {
    expect((await ok(stack, await stack.login('demo-individual'), APPROVERS, {})).approvers).toEqual([]);
    expect((await refused(stack, await stack.login('operator'), APPROVERS, {})).code).toBe('FORBIDDEN');
  });
});
