import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@econtract/server-kit';
import { DemoIds, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { CREATE_DEPARTMENT, DELETE_DEPARTMENT, ok, otherCompany, refused, SAVE_RANKS, UPDATE_DEPARTMENT } from './organization.helpers.ts';

const stack = useStack();
let other: Awaited<ReturnType<typeof otherCompany>>;
beforeAll(async () => {
  other = await otherCompany(stack);
  // The demo company has activity of its own that must stay invisible.
  await ok(stack, await stack.login('demo-admin'), 'mutation { updateCompanySettings(input: { internalApproval: true }) { id } }');
});

describe("a second company never sees the first one's anything", () => {
  it('sees its own company, with its own empty departments, ranks and defaults', async () => {
    expect(
      await ok(stack, other.token, '{ company { id name settings { internalApproval } departments { id } ranks { id } } departments { id } ranks { id } }'),
    ).toEqual({
      company: { id: other.companyId, name: '다른회사(주)', settings: { internalApproval: false }, departments: [], ranks: [] },
      departments: [],
      ranks: [],
    });
  });

  it('lists only its own staff, approvers and audit entries', async () => {
    const staff = (await ok(stack, other.token, '{ staffMembers(first: 500) { edges { node { id } } } }')).staffMembers.edges.map((edge: any) => edge.node.id);
    expect(staff).toEqual([other.userId]);
    const searched = (await ok(stack, other.token, '{ staffMembers(first: 500, filter: { search: "demo" }) { edges { node { id } } } }')).staffMembers.edges;
    expect(searched).toEqual([]);
    const approvers = (await ok(stack, other.token, '{ approvers { id } }')).approvers;
    expect(approvers).toEqual([{ id: other.userId }]);
    expect((await ok(stack, other.token, '{ auditLog(first: 200) { edges { node { id } } } }')).auditLog.edges).toEqual([]);
    const filtered = (
      await ok(
        stack,
        other.token,
        'query ($d: ID!) { staffMembers(first: 50, filter: { departmentId: $d, includeSubDepartments: true }) { edges { node { id } } } }',
        { d: DemoOrganization.sales },
      )
    ).staffMembers.edges;
    expect(filtered).toEqual([]);
  });

  it("cannot change or use the first company's departments, ranks or staff", async () => {
    expect((await refused(stack, other.token, UPDATE_DEPARTMENT, { id: DemoOrganization.sales, input: { name: '탈취' } })).code).toBe('NOT_FOUND');
    expect((await refused(stack, other.token, DELETE_DEPARTMENT, { id: DemoOrganization.management })).code).toBe('NOT_FOUND');
    expect((await refused(stack, other.token, CREATE_DEPARTMENT, { input: { name: '하위', parentId: DemoOrganization.sales } })).code).toBe('NOT_FOUND');
    for (const [query, variables] of [
      ['mutation ($id: ID!) { updateStaff(id: $id, input: { approvalAuthority: false }) { id } }', { id: DemoIds.departmentManager }],
      ['mutation ($id: ID!) { setStaffActive(id: $id, active: false) { id } }', { id: DemoIds.staff }],
      ['mutation ($id: ID!) { setStaffPassword(id: $id, password: "Hijack-pass-2026!") }', { id: DemoIds.staff }],
      [
        'mutation ($id: ID!) { setStaffPermissions(id: $id, input: { write: true, edit: true, delete: true, sign: true, discard: true }) { id } }',
        { id: DemoIds.staff },
      ],
    ] as const) {
      expect((await refused(stack, other.token, query, variables)).code).toBe('NOT_FOUND');
    }
    const register = 'mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }';
    const input = {
      loginId: `x${randomUUID().slice(0, 8)}`,
      password: 'Correct-horse-9!',
      name: '침입',
      email: `${randomUUID().slice(0, 8)}@example.com`,
      grade: 'STAFF',
    };
    expect((await refused(stack, other.token, register, { input: { ...input, departmentId: DemoOrganization.sales } })).code).toBe('BAD_USER_INPUT');
    expect((await refused(stack, other.token, register, { input: { ...input, rankId: DemoOrganization.ranks[0].id } })).code).toBe('BAD_USER_INPUT');

    await ok(stack, other.token, SAVE_RANKS, { names: ['사원'] });
    expect((await stack.sql('select count(*) as n from organization.rank where company_id = ?', [DemoIds.company]))[0].n).toBe('4');
    const [department] = await stack.sql('select name from organization.department where id = ?', [DemoOrganization.sales]);
    expect(department.name).toBe('영업본부');
    const [staff] = await stack.sql('select active, can_write from organization.staff_profile where user_id = ?', [DemoIds.staff]);
    expect(staff).toEqual({ active: true, can_write: false });
  });

  it("reads nothing of the first company's people through User fields", async () => {
    const query =
      'query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { company { id } department { id } rank { id } grade approvalAuthority active permissions { write } } } }';
    const viewer = {
      userId: other.userId,
      loginId: other.loginId,
      role: 'MEMBER' as const,
      sessionId: null,
      member: {
        companyId: other.companyId,
        grade: 'TOTAL_ADMIN' as const,
        active: true,
        departmentId: null,
        departmentScope: [],
        permissions: ALL_PERMISSIONS,
      },
    };
    const result = await stack.subgraphGraphql('organization', query, { id: DemoIds.staff }, viewer);
    expect(result.data._entities).toEqual([
      { company: null, department: null, rank: null, grade: null, approvalAuthority: null, active: null, permissions: null },
    ]);
  });

  it("does not show the first company's settings or referral code through a Company reference", async () => {
    const result = await stack.subgraphGraphql(
      'organization',
      'query ($id: ID!) { _entities(representations: [{ __typename: "Company", id: $id }]) { ... on Company { id } } }',
      { id: DemoIds.company },
      {
        userId: other.userId,
        loginId: other.loginId,
        role: 'MEMBER',
        sessionId: null,
        member: { companyId: other.companyId, grade: 'TOTAL_ADMIN', active: true, departmentId: null, departmentScope: [], permissions: ALL_PERMISSIONS },
      },
    );
    expect(result.data._entities).toEqual([null]);
  });
});
