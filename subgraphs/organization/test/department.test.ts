import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { CREATE_DEPARTMENT, DELETE_DEPARTMENT, internal, ok, refused, UPDATE_DEPARTMENT } from './organization.helpers.ts';

const stack = useStack();
let admin: string;
beforeAll(async () => {
  admin = await stack.login('demo-admin');
});

const create = async (name: string, parentId: string | null = null) =>
  (await ok(stack, admin, CREATE_DEPARTMENT, { input: { name, parentId } })).createDepartment;
const departmentCount = async () => Number((await stack.sql('select count(*) as n from organization.department where company_id = ?', [DemoIds.company]))[0].n);
const thirdLevelRows = async () =>
  Number(
    (
      await stack.sql('select count(*) as n from organization.department d join organization.department p on d.parent_id = p.id where p.parent_id is not null')
    )[0].n,
  );
const TREE = '{ departments { id name depth parent { id } staffCount children { id name depth staffCount parent { id name } children { id } } } }';

describe('departments (R-DEPT-1..3)', () => {
  it('lists the tree with depth, parent, children and direct staff counts to every member', async () => {
    const token = await stack.login('demo-staff');
    const { departments } = await ok(stack, token, TREE);
    expect(departments).toEqual([
      { id: DemoOrganization.management, name: '경영지원팀', depth: 1, parent: null, staffCount: 0, children: [] },
      {
        id: DemoOrganization.sales,
        name: '영업본부',
        depth: 1,
        parent: null,
        staffCount: 1,
        children: [
          { id: DemoOrganization.salesTeam1, name: '영업1팀', depth: 2, staffCount: 1, parent: { id: DemoOrganization.sales, name: '영업본부' }, children: [] },
        ],
      },
    ]);
    expect((await ok(stack, token, '{ company { departments { id } } }')).company.departments.map((d: { id: string }) => d.id)).toEqual([
      DemoOrganization.management,
      DemoOrganization.sales,
    ]);
  });

  it('shows an individual member an empty tree: a personal workspace has no departments', async () => {
    const token = await stack.login('demo-individual');
    expect(await ok(stack, token, '{ departments { id } ranks { id } company { departments { id } } }')).toEqual({
      departments: [],
      ranks: [],
      company: { departments: [] },
    });
  });

  it('creates top-level departments and sub-departments, and records them', async () => {
    const top = await create('  법무팀  ');
    expect(top).toEqual({ id: expect.any(String), name: '법무팀', depth: 1, parent: null });
    const sub = await create('계약검토파트', top.id);
    expect(sub).toEqual({ id: expect.any(String), name: '계약검토파트', depth: 2, parent: { id: top.id } });
    const [entry] = (await ok(stack, admin, '{ auditLog(first: 1) { edges { node { action targetType targetId after } } } }')).auditLog.edges;
    expect(entry.node).toMatchObject({ action: 'DEPARTMENT_CREATED', targetType: 'DEPARTMENT', targetId: sub.id });
    expect(JSON.parse(entry.node.after)).toEqual({ name: '계약검토파트', parentId: top.id });
  });

  it('refuses a third level on create, and creates nothing', async () => {
    const before = await departmentCount();
    const refusal = await refused(stack, admin, CREATE_DEPARTMENT, { input: { name: '3단계', parentId: DemoOrganization.salesTeam1 } });
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('at most two levels') });
    expect(await departmentCount()).toBe(before);
  });

  it('refuses a third level on move: a sub-department as parent, or a department with children under another', async () => {
    const a = await create('이동A');
    const aChild = await create('이동A-1', a.id);
    const b = await create('이동B');
    const underSub = await refused(stack, admin, UPDATE_DEPARTMENT, { id: b.id, input: { parentId: aChild.id } });
    expect(underSub).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('at most two levels') });
    const withChildren = await refused(stack, admin, UPDATE_DEPARTMENT, { id: a.id, input: { parentId: b.id } });
    expect(withChildren).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('has sub-departments') });
    const own = await refused(stack, admin, UPDATE_DEPARTMENT, { id: a.id, input: { parentId: a.id } });
    expect(own).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('own parent') });
    const ownChild = await refused(stack, admin, UPDATE_DEPARTMENT, { id: a.id, input: { parentId: aChild.id } });
    expect(ownChild.code).toBe('BAD_USER_INPUT');
    const rows = await stack.sql('select id, parent_id from organization.department where id in (?, ?, ?) order by name', [a.id, aChild.id, b.id]);
    expect(rows).toEqual([
      { id: a.id, parent_id: null },
      { id: aChild.id, parent_id: a.id },
      { id: b.id, parent_id: null },
    ]);
    expect(await thirdLevelRows()).toBe(0);
  });

  it('renames and moves: under another parent, to the top level, and back', async () => {
    const a = await create('부모A');
    const b = await create('부모B');
    const child = await create('자식', a.id);
    expect((await ok(stack, admin, UPDATE_DEPARTMENT, { id: child.id, input: { parentId: b.id, name: '자식2' } })).updateDepartment).toEqual({
      id: child.id,
      name: '자식2',
      depth: 2,
      parent: { id: b.id },
    });
    expect((await ok(stack, admin, UPDATE_DEPARTMENT, { id: child.id, input: { parentId: null } })).updateDepartment).toEqual({
      id: child.id,
      name: '자식2',
      depth: 1,
      parent: null,
    });
    // A top-level department without children may become a sub-department.
    expect((await ok(stack, admin, UPDATE_DEPARTMENT, { id: child.id, input: { parentId: a.id } })).updateDepartment.parent).toEqual({ id: a.id });
    // Renaming alone keeps the parent.
    expect((await ok(stack, admin, UPDATE_DEPARTMENT, { id: child.id, input: { name: '자식3' } })).updateDepartment).toEqual({
      id: child.id,
      name: '자식3',
      depth: 2,
      parent: { id: a.id },
    });
  });

  it('keeps names unique among siblings regardless of case, but allows the same name elsewhere', async () => {
    const top = await create('Design');
    const duplicate = await refused(stack, admin, CREATE_DEPARTMENT, { input: { name: 'design' } });
    expect(duplicate).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already exists') });
    const sub = await create('DESIGN', top.id);
    expect(sub.parent).toEqual({ id: top.id });
    const other = await create('Other');
    const renamed = await refused(stack, admin, UPDATE_DEPARTMENT, { id: other.id, input: { name: 'DeSiGn' } });
    expect(renamed.code).toBe('CONFLICT');
    const moved = await refused(stack, admin, UPDATE_DEPARTMENT, { id: sub.id, input: { parentId: null } });
    expect(moved.code).toBe('CONFLICT');
    expect((await stack.sql('select name, parent_id from organization.department where id = ?', [sub.id]))[0]).toEqual({ name: 'DESIGN', parent_id: top.id });
  });

  it('refuses blank and over-long names', async () => {
    for (const name of ['', '   ', 'x'.repeat(51)]) {
      expect((await refused(stack, admin, CREATE_DEPARTMENT, { input: { name } })).code).toBe('BAD_USER_INPUT');
    }
    expect((await refused(stack, admin, UPDATE_DEPARTMENT, { id: DemoOrganization.management, input: { name: ' ' } })).code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for unknown departments and parents, BAD_USER_INPUT for what is not an id at all', async () => {
    expect((await refused(stack, admin, UPDATE_DEPARTMENT, { id: randomUUID(), input: { name: 'x' } })).code).toBe('NOT_FOUND');
    expect((await refused(stack, admin, UPDATE_DEPARTMENT, { id: 'not-a-uuid', input: { name: 'x' } })).code).toBe('BAD_USER_INPUT');
    expect((await refused(stack, admin, CREATE_DEPARTMENT, { input: { name: '고아', parentId: randomUUID() } })).code).toBe('NOT_FOUND');
    expect((await refused(stack, admin, DELETE_DEPARTMENT, { id: randomUUID() })).code).toBe('NOT_FOUND');
  });

  it('deletes only an empty department without sub-departments (R-DEPT-3)', async () => {
    const top = await create('삭제본부');
    const sub = await create('삭제팀', top.id);
    const member = randomUUID();
    await stack.sql(`insert into organization.staff_profile (user_id, company_id, grade, department_id) values (?, ?, 'STAFF', ?)`, [
      member,
      DemoIds.company,
      sub.id,
    ]);

    const staffInSub = await refused(stack, admin, DELETE_DEPARTMENT, { id: top.id });
    expect(staffInSub).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('still have staff: "삭제팀" (1)') });
    const staffInIt = await refused(stack, admin, DELETE_DEPARTMENT, { id: sub.id });
    expect(staffInIt).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('still have staff') });

    await stack.sql('update organization.staff_profile set department_id = null where user_id = ?', [member]);
    const withChildren = await refused(stack, admin, DELETE_DEPARTMENT, { id: top.id });
    expect(withChildren).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('sub-departments') });
    expect(await stack.sql('select id from organization.department where id in (?, ?)', [top.id, sub.id])).toHaveLength(2);

    expect((await ok(stack, admin, DELETE_DEPARTMENT, { id: sub.id })).deleteDepartment).toBe(sub.id);
    expect((await ok(stack, admin, DELETE_DEPARTMENT, { id: top.id })).deleteDepartment).toBe(top.id);
    expect(await stack.sql('select id from organization.department where id in (?, ?)', [top.id, sub.id])).toHaveLength(0);
    const [entry] = (await ok(stack, admin, '{ auditLog(first: 1) { edges { node { action targetId before after } } } }')).auditLog.edges;
    expect(entry.node).toMatchObject({ action: 'DEPARTMENT_DELETED', targetId: top.id, after: null });
    expect(JSON.parse(entry.node.before)).toEqual({ name: '삭제본부', parentId: null });
  });

  it('lets only the total admin change departments', async () => {
    for (const login of ['demo-manager', 'demo-staff', 'demo-individual', 'operator']) {
      const token = await stack.login(login);
      expect((await refused(stack, token, CREATE_DEPARTMENT, { input: { name: `by-${login}` } })).code, login).toBe('FORBIDDEN');
      expect((await refused(stack, token, UPDATE_DEPARTMENT, { id: DemoOrganization.sales, input: { name: 'x' } })).code, login).toBe('FORBIDDEN');
      expect((await refused(stack, token, DELETE_DEPARTMENT, { id: DemoOrganization.management })).code, login).toBe('FORBIDDEN');
    }
    expect((await refused(stack, await stack.login('operator'), TREE)).code).toBe('FORBIDDEN');
    expect(await stack.sql("select id from organization.department where name like 'by-%'")).toEqual([]);
  });

  it('stays at two levels when a move and a create race (company lock)', async () => {
    for (let round = 0; round < 8; round++) {
      const a = await create(`경합A${round}`);
      const b = await create(`경합B${round}`);
      // Either the child lands under A (then A cannot move under B) or A moves first (then A cannot take a child).
      const [created, moved] = await Promise.all([
        stack.graphql(CREATE_DEPARTMENT, { input: { name: `경합자식${round}`, parentId: a.id } }, { token: admin }),
        stack.graphql(UPDATE_DEPARTMENT, { id: a.id, input: { parentId: b.id } }, { token: admin }),
      ]);
      const succeeded = [created, moved].filter((result) => !result.errors);
      expect(succeeded, `round ${round}`).toHaveLength(1);
      expect([created, moved].find((result) => result.errors)!.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await thirdLevelRows()).toBe(0);
  });

  it('is enforced by the database too: a parent must belong to the same company', async () => {
    const other = randomUUID();
    await stack.sql(`insert into organization.company (id, kind, name) values (?, 'PERSONAL', '남')`, [other]);
    await expect(
      stack.sql(`insert into organization.department (id, company_id, parent_id, name, name_key) values (?, ?, ?, '침입', '침입')`, [
        randomUUID(),
        other,
        DemoOrganization.sales,
      ]),
    ).rejects.toThrow(/department_parent_fk/);
  });

  it('keeps the standing route answering for members after the tree changes', async () => {
    const standing = await internal(stack).standing.member.query({ userId: DemoIds.departmentManager });
    expect(standing!.departmentScope).toEqual([DemoOrganization.sales, DemoOrganization.salesTeam1]);
  });
});
