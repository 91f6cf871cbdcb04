import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { CREATE_DEPARTMENT, internal, ok } from './organization.helpers.ts';

const stack = useStack();
const standing = (userId: string) => internal(stack).standing.member.query({ userId });

// Two top-level departments, each with sub-departments: 영업본부 {영업1팀, 영업2팀}, 경영지원팀 {인사파트}.
let salesTeam2: string;
let hr: string;
beforeAll(async () => {
  const admin = await stack.login('demo-admin');
  salesTeam2 = (await ok(stack, admin, CREATE_DEPARTMENT, { input: { name: '영업2팀', parentId: DemoOrganization.sales } })).createDepartment.id;
  hr = (await ok(stack, admin, CREATE_DEPARTMENT, { input: { name: '인사파트', parentId: DemoOrganization.management } })).createDepartment.id;
});

describe('department scope in the standing (R-STAFF-4)', () => {
  it('gives the total admin the whole company: an empty scope read with grade TOTAL_ADMIN', async () => {
    expect(await standing(DemoIds.totalAdmin)).toMatchObject({ companyId: DemoIds.company, grade: 'TOTAL_ADMIN', departmentScope: [] });
  });

  it('gives a department manager their department and its sub-departments, and nothing of the other top-level department', async () => {
    const scope = (await standing(DemoIds.departmentManager))!.departmentScope;
    expect(scope[0]).toBe(DemoOrganization.sales);
    expect([...scope].sort()).toEqual([DemoOrganization.sales, DemoOrganization.salesTeam1, salesTeam2].sort());
    expect(scope).not.toContain(DemoOrganization.management);
    expect(scope).not.toContain(hr);
  });

  it('gives staff their own department only', async () => {
    expect(await standing(DemoIds.staff)).toMatchObject({
      grade: 'STAFF',
      departmentId: DemoOrganization.salesTeam1,
      departmentScope: [DemoOrganization.salesTeam1],
    });
  });

  it('gives an individual member no departments, and the operator no standing at all', async () => {
    expect(await standing(DemoIds.individual)).toMatchObject({ companyId: DemoIds.personalWorkspace, grade: 'INDIVIDUAL', departmentScope: [] });
    expect(await standing(DemoIds.operator)).toBeNull();
    expect(await standing('not-a-uuid')).toBeNull();
  });

  it('follows changes on the next request: a manager moved to another top-level department, a staff member moved to a sub-department', async () => {
    const admin = await stack.login('demo-admin');
    const UPDATE = 'mutation ($id: ID!, $input: UpdateStaffInput!) { updateStaff(id: $id, input: $input) { id } }';
    await ok(stack, admin, UPDATE, { id: DemoIds.departmentManager, input: { departmentId: DemoOrganization.management } });
    expect([...(await standing(DemoIds.departmentManager))!.departmentScope].sort()).toEqual([DemoOrganization.management, hr].sort());
    // A manager of a sub-department sees that sub-department only (it has no children).
    await ok(stack, admin, UPDATE, { id: DemoIds.departmentManager, input: { departmentId: hr } });
    expect((await standing(DemoIds.departmentManager))!.departmentScope).toEqual([hr]);
    // Promoted to manager, a staff member's scope grows with the grade.
    await ok(stack, admin, UPDATE, { id: DemoIds.staff, input: { departmentId: DemoOrganization.sales, grade: 'DEPARTMENT_MANAGER' } });
    expect([...(await standing(DemoIds.staff))!.departmentScope].sort()).toEqual([DemoOrganization.sales, DemoOrganization.salesTeam1, salesTeam2].sort());
    await ok(stack, admin, UPDATE, { id: DemoIds.staff, input: { departmentId: DemoOrganization.salesTeam1, grade: 'STAFF' } });
    await ok(stack, admin, UPDATE, { id: DemoIds.departmentManager, input: { departmentId: DemoOrganization.sales } });
  });

  it('reaches the viewer through the gateway: the staff member sees their grade and department', async () => {
    const token = await stack.login('demo-manager');
    expect((await ok(stack, token, '{ viewer { grade department { id children { id } } } }')).viewer).toEqual({
      grade: 'DEPARTMENT_MANAGER',
      department: { id: DemoOrganization.sales, children: expect.arrayContaining([{ id: DemoOrganization.salesTeam1 }, { id: salesTeam2 }]) },
    });
  });
});
