import { beforeAll, describe, expect, it } from 'vitest';
import { Grade } from '@econtract/server-kit';
import { DemoIds, memberViewer, useStack } from '@econtract/testkit';
import {
  CANCEL,
  COMPLETE,
  CREATE_CATEGORY,
  DemoDepartments,
  DELETE,
  DISCARD,
  draft,
  GET,
  grantUnits,
  LIST,
  NO_RIGHTS,
  ok,
  otherCompany,
  refused,
  SEND,
  SET_CATEGORY,
  SET_PERMISSIONS,
  staffMember,
  UPDATE,
  withoutDemoDocuments,
} from './documents.helpers.ts';

const stack = useStack();
const CREATE_DEPARTMENT = 'mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }';

/** Who writes one contract each: the demo company's grades across two top-level departments with sub-departments, an individual member and a second company. */
const people: Record<string, { id: string; token: string }> = {};
const contracts: Record<string, string> = {};
let other: Awaited<ReturnType<typeof otherCompany>>;
let salesTeam2: string;
let hr: string;

beforeAll(async () => {
  // Exact lists below: the demo documents (src/seed.ts) are not part of them.
  await withoutDemoDocuments(stack);
  const admin = await stack.login('demo-admin');
  people.admin = { id: DemoIds.totalAdmin, token: admin };
  people.manager = { id: DemoIds.departmentManager, token: await stack.login('demo-manager') };
  people.individual = { id: DemoIds.individual, token: await stack.login('demo-individual') };
  // 영업본부 {영업1팀, 영업2팀}, 경영지원팀 {인사파트}
  salesTeam2 = (await ok(stack, admin, CREATE_DEPARTMENT, { input: { name: '영업2팀', parentId: DemoDepartments.sales } })).createDepartment.id;
  hr = (await ok(stack, admin, CREATE_DEPARTMENT, { input: { name: '인사파트', parentId: DemoDepartments.management } })).createDepartment.id;
  const write = { ...NO_RIGHTS, write: true };
  for (const id of [DemoIds.staff, DemoIds.departmentManager]) await ok(stack, admin, SET_PERMISSIONS, { id, input: write });
  people.staff = { id: DemoIds.staff, token: await stack.login('demo-staff') };
  people.staffTeam2 = await staffMember(stack, admin, { departmentId: salesTeam2, permissions: write });
  people.staffMgmt = await staffMember(stack, admin, { departmentId: DemoDepartments.management, permissions: write });
  people.staffHr = await staffMember(stack, admin, { departmentId: hr, permissions: write });
  people.managerMgmt = await staffMember(stack, admin, { departmentId: DemoDepartments.management, grade: 'DEPARTMENT_MANAGER', permissions: write });
  other = await otherCompany(stack);
  people.other = { id: other.userId, token: other.token };
  await grantUnits(stack, DemoIds.company, 20);
  for (const name of ['admin', 'manager', 'staff', 'staffTeam2', 'staffMgmt', 'staffHr', 'managerMgmt', 'individual', 'other']) {
    contracts[name] = (await draft(stack, people[name]!.token, { title: `${name}의 계약` })).id;
  }
  // Across companies: the second company sends one to demo-staff; the demo admin sends one to the second company's admin.
  contracts.toStaff = (await draft(stack, other.token, { title: '받은 계약', parties: [{ name: '박담당', email: 'STAFF@demo-company.example' }] })).id;
  await ok(stack, other.token, SEND, { id: contracts.toStaff });
  contracts.toOther = (await draft(stack, admin, { title: '보낸 계약', parties: [{ name: '이대표', email: other.email }] })).id;
  await ok(stack, admin, SEND, { id: contracts.toOther });
});

const visibleIds = async (token: string, filter: Record<string, unknown> = {}) =>
  (await ok(stack, token, LIST, { first: 500, filter })).contracts.edges.map((edge: any) => edge.node.id as string).sort();
const ids = (...names: string[]) => names.map((name) => contracts[name]!).sort();

describe('visibility (R-STAFF-4), one rule in SQL for lists, lookups and references', () => {
  const matrix: Record<string, string[]> = {
    admin: ['admin', 'manager', 'staff', 'staffTeam2', 'staffMgmt', 'staffHr', 'managerMgmt', 'toStaff', 'toOther'],
    manager: ['manager', 'staff', 'staffTeam2', 'toStaff'],
    staff: ['staff', 'toStaff'],
    staffTeam2: ['staffTeam2'],
    staffMgmt: ['staffMgmt', 'managerMgmt'],
    staffHr: ['staffHr'],
    managerMgmt: ['staffMgmt', 'staffHr', 'managerMgmt'],
    individual: ['individual'],
    other: ['other', 'toStaff', 'toOther'],
  };

  for (const [viewer, expected] of Object.entries(matrix)) {
    it(`${viewer} sees exactly ${expected.join(', ')}; every other contract is NOT_FOUND`, async () => {
      const token = people[viewer]!.token;
      expect(await visibleIds(token)).toEqual(ids(...expected));
      for (const name of Object.keys(contracts).filter((candidate) => !expected.includes(candidate))) {
        expect((await refused(stack, token, GET, { id: contracts[name] })).code).toBe('NOT_FOUND');
        expect((await refused(stack, token, CANCEL, { id: contracts[name] })).code).toBe('NOT_FOUND');
      }
      for (const name of expected) expect((await ok(stack, token, GET, { id: contracts[name] })).contract.id).toBe(contracts[name]);
    });
  }

  it('keeps the two boxes apart: the receiver finds it in RECEIVED, addressed to its member; the sender in SENT', async () => {
    expect(await visibleIds(people.admin!.token, { box: 'RECEIVED' })).toEqual(ids('toStaff'));
    expect(await visibleIds(people.staff!.token, { box: 'RECEIVED' })).toEqual(ids('toStaff'));
    expect(await visibleIds(people.staff!.token, { box: 'SENT' })).toEqual(ids('staff'));
    expect(await visibleIds(other.token, { box: 'SENT' })).toEqual(ids('other', 'toStaff'));
    expect(await visibleIds(other.token, { box: 'RECEIVED' })).toEqual(ids('toOther'));
    const received = (await ok(stack, people.staff!.token, GET, { id: contracts.toStaff })).contract;
    expect(received).toMatchObject({
      box: 'RECEIVED',
      status: 'SENT',
      department: null,
      viewerCan: { edit: true, delete: false, sign: false, discard: false },
    });
  });

  it('lets each company file a contract under its own categories without touching the other filing; the category filter works in both boxes', async () => {
    const theirs = (await ok(stack, other.token, CREATE_CATEGORY, { input: { name: '받은 용역' } })).createDocumentCategory.id;
    const ours = (await ok(stack, people.admin!.token, CREATE_CATEGORY, { input: { name: '보낸 용역' } })).createDocumentCategory.id;
    await ok(stack, other.token, SET_CATEGORY, { id: contracts.toOther, categoryId: theirs });
    await ok(stack, people.admin!.token, SET_CATEGORY, { id: contracts.toOther, categoryId: ours });
    expect((await ok(stack, other.token, GET, { id: contracts.toOther })).contract.category).toEqual({ id: theirs, name: '받은 용역' });
    expect((await ok(stack, people.admin!.token, GET, { id: contracts.toOther })).contract.category).toEqual({ id: ours, name: '보낸 용역' });
    expect(await visibleIds(other.token, { categoryId: theirs })).toEqual(ids('toOther'));
    expect(await visibleIds(other.token, { box: 'RECEIVED', uncategorized: true })).toEqual([]);
    expect(await visibleIds(people.admin!.token, { categoryId: ours, box: 'SENT' })).toEqual(ids('toOther'));
    // Another company's category cannot be used, and a receiver cannot change the sender's contract.
    expect((await refused(stack, other.token, SET_CATEGORY, { id: contracts.toOther, categoryId: ours })).code).toBe('NOT_FOUND');
    for (const operation of [CANCEL, COMPLETE, DISCARD])
      expect((await refused(stack, other.token, operation, { id: contracts.toOther })).code).toBe('FORBIDDEN');
  });

  it('answers `_entities` through the same rule: an invisible contract resolves to null', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Contract { id title } } }';
    const representations = [contracts.admin, contracts.staff, contracts.other].map((id) => ({ __typename: 'Contract', id }));
    const staffViewer = {
      ...memberViewer(DemoIds.staff, DemoIds.company, Grade.STAFF, 'demo-staff'),
      member: {
        ...memberViewer(DemoIds.staff, DemoIds.company).member!,
        departmentId: DemoDepartments.salesTeam1,
        departmentScope: [DemoDepartments.salesTeam1],
      },
    };
    const result = await stack.subgraphGraphql('documents', query, { r: representations }, staffViewer);
    expect(result.data?._entities).toEqual([null, { id: contracts.staff, title: 'staff의 계약' }, null]);
    // Organization answers a Department reference only within the viewer's company (a received contract names none).
    const department = await stack.subgraphGraphql(
      'organization',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Department { id name } } }',
      { r: [{ __typename: 'Department', id: DemoDepartments.salesTeam1 }] },
      { ...staffViewer, member: { ...staffViewer.member, companyId: other.companyId } },
    );
    expect(department.data?._entities).toEqual([null]);
    const sameCompany = await stack.subgraphGraphql(
      'organization',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Department { id name } } }',
      { r: [{ __typename: 'Department', id: DemoDepartments.salesTeam1 }] },
      staffViewer,
    );
    expect(sameCompany.data?._entities).toEqual([{ id: DemoDepartments.salesTeam1, name: '영업1팀' }]);
    const operator = await stack.subgraphGraphql('documents', query, { r: representations }, null);
    expect(operator.data?._entities).toEqual([null, null, null]);
  });

  it('searches titles with Korean substrings and literal wildcards', async () => {
    expect(await visibleIds(people.admin!.token, { search: '의 계' })).toHaveLength(7);
    expect(await visibleIds(people.admin!.token, { search: 'staffT' })).toEqual(ids('staffTeam2'));
    expect(await visibleIds(people.admin!.token, { search: '%' })).toEqual([]);
    expect(await visibleIds(people.admin!.token, { authorId: DemoIds.departmentManager })).toEqual(ids('manager'));
  });
});

describe('extra permissions on contracts one can see but did not write (R-PERM-1)', () => {
  const setRights = (rights: Partial<typeof NO_RIGHTS>) =>
    ok(stack, people.admin!.token, SET_PERMISSIONS, { id: DemoIds.departmentManager, input: { ...NO_RIGHTS, write: true, ...rights } });

  it('refuses each action without its permission and allows it with it; viewerCan follows the same rule', async () => {
    const manager = people.manager!.token;
    const staff = people.staff!.token;
    const can = async (id: string) => (await ok(stack, manager, GET, { id })).contract.viewerCan;

    const editable = (
      await ok(stack, staff, 'mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }', {
        input: { title: '담당자 계약', parties: [{ name: '갑', email: 'a@b.example' }] },
      })
    ).createContract.id;
    expect(await can(editable)).toEqual({ edit: false, delete: false, sign: false, discard: false });
    expect((await refused(stack, manager, UPDATE, { id: editable, input: { title: '수정' } })).code).toBe('FORBIDDEN');
    expect((await refused(stack, manager, DELETE, { id: editable })).code).toBe('FORBIDDEN');
    await setRights({ edit: true });
    expect(await can(editable)).toEqual({ edit: true, delete: false, sign: false, discard: false });
    expect((await ok(stack, manager, UPDATE, { id: editable, input: { title: '부서관리자 수정' } })).updateContract.title).toBe('부서관리자 수정');

    await setRights({ delete: true });
    expect((await can(editable)).delete).toBe(true);
    expect((await refused(stack, manager, UPDATE, { id: editable, input: { title: '다시' } })).code).toBe('FORBIDDEN');
    expect((await ok(stack, manager, DELETE, { id: editable })).deleteContract).toBe(editable);

    const toSign = (
      await ok(stack, staff, 'mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }', {
        input: { title: '서명할 계약', parties: [{ name: '갑', email: 'a@b.example' }] },
      })
    ).createContract.id;
    await ok(stack, staff, SEND, { id: toSign });
    await setRights({});
    expect((await refused(stack, manager, COMPLETE, { id: toSign })).code).toBe('FORBIDDEN');
    await setRights({ sign: true });
    expect(await can(toSign)).toEqual({ edit: false, delete: false, sign: true, discard: false });
    expect((await ok(stack, manager, COMPLETE, { id: toSign })).completeContract.status).toBe('COMPLETED');

    expect((await refused(stack, manager, DISCARD, { id: toSign })).code).toBe('FORBIDDEN');
    await setRights({ discard: true });
    expect((await can(toSign)).discard).toBe(true);
    expect((await ok(stack, manager, DISCARD, { id: toSign })).discardContract.status).toBe('DISCARDED');
    await setRights({});
  });

  it('lets authors act on their own and the total admin on everything', async () => {
    const staff = people.staff!.token;
    const own = (await ok(stack, staff, GET, { id: contracts.staff })).contract;
    expect(own.viewerCan).toEqual({ edit: true, delete: true, sign: true, discard: true });
    expect((await ok(stack, people.admin!.token, GET, { id: contracts.staffHr })).contract.viewerCan).toEqual({
      edit: true,
      delete: true,
      sign: true,
      discard: true,
    });
  });

  it('needs the write permission to create contracts', async () => {
    await ok(stack, people.admin!.token, SET_PERMISSIONS, { id: DemoIds.staff, input: NO_RIGHTS });
    try {
      expect((await refused(stack, people.staff!.token, 'mutation { createContract(input: { title: "계약" }) { id } }')).code).toBe('FORBIDDEN');
    } finally {
      await ok(stack, people.admin!.token, SET_PERMISSIONS, { id: DemoIds.staff, input: { ...NO_RIGHTS, write: true } });
    }
  });
});
