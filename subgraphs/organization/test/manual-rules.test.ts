import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, errorCode, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { CREATE_DEPARTMENT, ok, refused } from './organization.helpers.ts';

const stack = useStack();
let admin: string;
beforeAll(async () => {
  admin = await stack.login('demo-admin');
});

const DELETE = 'mutation ($id: ID!, $all: Boolean) { deleteDepartment(id: $id, includeSubDepartments: $all) }';
const create = async (name: string, parentId: string | null = null) =>
  (await ok(stack, admin, CREATE_DEPARTMENT, { input: { name, parentId } })).createDepartment.id as string;
const existing = async (ids: string[]) =>
  (await stack.sql(`select id from organization.department where id in (${ids.map(() => '?').join(', ')})`, ids)).length;
/** A staff profile placed straight into a department (the account itself does not matter here). */
const placeStaff = async (departmentId: string) => {
  const userId = randomUUID();
  await stack.sql(`insert into organization.staff_profile (user_id, company_id, grade, department_id) values (?, ?, 'STAFF', ?)`, [
    userId,
    DemoIds.company,
    departmentId,
  ]);
  return userId;
};

describe('R-DEPT-3: deleting a department with its empty sub-departments', () => {
  it('refuses without includeSubDepartments, as before, and deletes all of them together with it', async () => {
    const top = await create('통합본부');
    const subs = [await create('통합1팀', top), await create('통합2팀', top)];
    const without = await refused(stack, admin, DELETE, { id: top });
    expect(without).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('includeSubDepartments') });
    expect(await existing([top, ...subs])).toBe(3);

    const auditBefore = Number((await stack.sql('select count(*) as n from organization.audit_entry'))[0].n);
    expect((await ok(stack, admin, DELETE, { id: top.toUpperCase(), all: true })).deleteDepartment).toBe(top);
    expect(await existing([top, ...subs])).toBe(0);
    const entries = await stack.sql<{ target_id: string; action: string }>(
      'select target_id, action from organization.audit_entry order by created_at desc, id limit 3',
    );
    expect(entries.map((entry) => entry.action)).toEqual(['DEPARTMENT_DELETED', 'DEPARTMENT_DELETED', 'DEPARTMENT_DELETED']);
    expect(entries.map((entry) => entry.target_id).sort()).toEqual([top, ...subs].sort());
    expect(Number((await stack.sql('select count(*) as n from organization.audit_entry'))[0].n)).toBe(auditBefore + 3);
  });

  it('refuses while any of them has staff, naming each department that still has staff, and deletes nothing', async () => {
    const top = await create('인원본부');
    const empty = await create('빈팀', top);
    const staffed = await create('근무팀', top);
    const people = [await placeStaff(staffed), await placeStaff(staffed), await placeStaff(top)];
    for (const all of [true, false]) {
      const result = await refused(stack, admin, DELETE, { id: top, all });
      expect(result.code).toBe('CONFLICT');
      expect(result.message).toContain('"인원본부" (1)');
      expect(result.message).toContain('"근무팀" (2)');
      expect(result.message).not.toContain('빈팀');
    }
    const korean = await stack.graphql(DELETE, { id: top, all: true }, { token: admin, headers: { 'accept-language': 'ko' } });
    expect(korean.errors?.[0]?.message).toMatch(/소속 직원이 있는 부서.*"근무팀" \(2\)/);
    expect(await existing([top, empty, staffed])).toBe(3);

    await stack.sql(`update organization.staff_profile set department_id = null where user_id in (?, ?, ?)`, people);
    expect((await ok(stack, admin, DELETE, { id: top, all: true })).deleteDepartment).toBe(top);
    expect(await existing([top, empty, staffed])).toBe(0);
  });

  it('deletes a sub-department or a department without sub-departments with or without the flag', async () => {
    const top = await create('단독본부');
    const sub = await create('단독팀', top);
    expect((await ok(stack, admin, DELETE, { id: sub, all: true })).deleteDepartment).toBe(sub);
    expect((await ok(stack, admin, DELETE, { id: top })).deleteDepartment).toBe(top);
  });

  it('stays total-admin only', async () => {
    const top = await create('권한본부');
    for (const login of ['demo-manager', 'demo-staff']) {
      expect(errorCode(await stack.graphql(DELETE, { id: top, all: true }, { token: await stack.login(login) }))).toBe('FORBIDDEN');
    }
    expect(await existing([top])).toBe(1);
  });
});

describe('R-STAFF-4: department managers and staff list their scope, read-only', () => {
  const STAFF =
    'query ($filter: StaffFilter, $first: Int!) { staffMembers(filter: $filter, first: $first) { edges { node { id department { id } } } pageInfo { hasNextPage } } }';
  const ids = async (token: string, filter: Record<string, unknown> | null = null) =>
    ((await ok(stack, token, STAFF, { filter, first: 500 })).staffMembers.edges as Array<{ node: { id: string } }>).map((edge) => edge.node.id).sort();
  let inManagement: string;
  let inSalesTeam1: string;
  let inSales: string;
  let withoutDepartment: string;
  beforeAll(async () => {
    inManagement = await placeStaff(DemoOrganization.management);
    inSalesTeam1 = await placeStaff(DemoOrganization.salesTeam1);
    inSales = await placeStaff(DemoOrganization.sales);
    withoutDepartment = randomUUID();
    await stack.sql(`insert into organization.staff_profile (user_id, company_id, grade) values (?, ?, 'STAFF')`, [withoutDepartment, DemoIds.company]);
  });

  it('shows a department manager the staff of their department and its sub-departments only', async () => {
    const manager = await stack.login('demo-manager');
    expect(await ids(manager)).toEqual([DemoIds.departmentManager, DemoIds.staff, inSalesTeam1, inSales].sort());
    // Filters narrow the scope, never widen it.
    expect(await ids(manager, { departmentId: DemoOrganization.salesTeam1 })).toEqual([DemoIds.staff, inSalesTeam1].sort());
    expect(await ids(manager, { departmentId: DemoOrganization.management, includeSubDepartments: true })).toEqual([]);
    expect(await ids(manager, { search: 'demo-admin' })).toEqual([]);
    expect(await ids(manager, { search: 'demo-staff' })).toEqual([DemoIds.staff]);
  });

  it("shows staff their own department's members only", async () => {
    const staff = await stack.login('demo-staff');
    expect(await ids(staff)).toEqual([DemoIds.staff, inSalesTeam1].sort());
    expect(await ids(staff, { departmentId: DemoOrganization.sales, includeSubDepartments: true })).toEqual([DemoIds.staff, inSalesTeam1].sort());
  });

  it('still shows the total admin everyone, and a member without a department no one', async () => {
    const everyone = await ids(admin);
    expect(everyone).toEqual(
      expect.arrayContaining([DemoIds.totalAdmin, DemoIds.departmentManager, DemoIds.staff, inManagement, inSales, inSalesTeam1, withoutDepartment]),
    );
    await stack.sql('update organization.staff_profile set department_id = null where user_id = ?', [DemoIds.staff]);
    try {
      expect(await ids(await stack.login('demo-staff'))).toEqual([]);
    } finally {
      await stack.sql('update organization.staff_profile set department_id = ? where user_id = ?', [DemoOrganization.salesTeam1, DemoIds.staff]);
    }
  });

  it('keeps changes to the total admin, and the list away from individuals, operators and strangers', async () => {
    const manager = await stack.login('demo-manager');
    expect(
      errorCode(await stack.graphql('mutation ($id: ID!) { setStaffActive(id: $id, active: false) { id } }', { id: DemoIds.staff }, { token: manager })),
    ).toBe('FORBIDDEN');
    expect(errorCode(await stack.graphql(STAFF, { first: 5 }, { token: await stack.login('demo-individual') }))).toBe('FORBIDDEN');
    expect(errorCode(await stack.graphql(STAFF, { first: 5 }, { token: await stack.login('operator') }))).toBe('FORBIDDEN');
    expect(errorCode(await stack.graphql(STAFF, { first: 5 }))).toBe('UNAUTHENTICATED');
  });
});
