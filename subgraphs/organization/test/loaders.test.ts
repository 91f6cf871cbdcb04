import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { ok } from './organization.helpers.ts';

const stack = useStack();

const LIST = `query ($first: Int!) { staffMembers(first: $first) { edges { node { id grade active approvalAuthority
  department { name parent { name } } rank { name } company { name } } } } }`;
const COMPANY_LISTS = `query ($first: Int!) { staffMembers(first: $first) { edges { node { id
  company { departments { name } ranks { name } } } } } }`;
const TREE = '{ departments { name staffCount children { name staffCount parent { name } } } }';

// ~60 staff spread over every department and rank, inserted directly (no identity accounts needed).
beforeAll(async () => {
  const departments = [DemoOrganization.sales, DemoOrganization.salesTeam1, DemoOrganization.management];
  for (let i = 0; i < 60; i++) {
    await stack.sql(`insert into organization.staff_profile (user_id, company_id, grade, department_id, rank_id) values (?, ?, 'STAFF', ?, ?)`, [
      randomUUID(),
      DemoIds.company,
      departments[i % departments.length],
      DemoOrganization.ranks[i % DemoOrganization.ranks.length]!.id,
    ]);
  }
});

describe('batched lookups', () => {
  it('lists 500 staff with department, parent, rank and company in as many SQL statements as 5', async () => {
    const token = await stack.login('demo-admin');
    let small: any;
    let large: any;
    const smallCount = await stack.countSql(async () => {
      small = await ok(stack, token, LIST, { first: 5 });
    });
    const largeCount = await stack.countSql(async () => {
      large = await ok(stack, token, LIST, { first: 500 });
    });
    expect(small.staffMembers.edges).toHaveLength(5);
    expect(large.staffMembers.edges).toHaveLength(63);
    expect(large.staffMembers.edges.filter((edge: any) => edge.node.department?.parent?.name === '영업본부')).toHaveLength(21);
    expect(large.staffMembers.edges.every((edge: any) => edge.node.company.name === '데모전자(주)')).toBe(true);
    expect(largeCount.organization).toBe(smallCount.organization);
    expect(largeCount.organization).toBeLessThanOrEqual(12);
  });

  it('counts staff per department in one batch however big the tree', async () => {
    const token = await stack.login('demo-admin');
    let tree: any;
    const before = await stack.countSql(async () => {
      tree = await ok(stack, token, TREE);
    });
    expect(tree.departments).toEqual([
      { name: '경영지원팀', staffCount: 20, children: [] },
      { name: '영업본부', staffCount: 21, children: [{ name: '영업1팀', staffCount: 21, parent: { name: '영업본부' } }] },
    ]);
    for (let i = 0; i < 10; i++)
      await ok(stack, token, 'mutation ($n: String!, $p: ID) { createDepartment(input: { name: $n, parentId: $p }) { id } }', {
        n: `부서${i}`,
        p: i % 2 ? DemoOrganization.management : null,
      });
    const after = await stack.countSql(() => ok(stack, token, TREE));
    expect(after.organization).toBe(before.organization);
  });

  it("loads each row's company departments and ranks in as many SQL statements for 100 staff as for 5", async () => {
    // 40 more staff, outside any department so the tree counts above stay as they are.
    for (let i = 0; i < 40; i++)
      await stack.sql(`insert into organization.staff_profile (user_id, company_id, grade) values (?, ?, 'STAFF')`, [randomUUID(), DemoIds.company]);
    const token = await stack.login('demo-admin');
    let small: any;
    let large: any;
    const smallCount = await stack.countSql(async () => {
      small = await ok(stack, token, COMPANY_LISTS, { first: 5 });
    });
    const largeCount = await stack.countSql(async () => {
      large = await ok(stack, token, COMPANY_LISTS, { first: 100 });
    });
    expect(small.staffMembers.edges).toHaveLength(5);
    expect(large.staffMembers.edges).toHaveLength(100);
    const { company } = large.staffMembers.edges[99].node;
    expect(company.ranks.map((rank: any) => rank.name)).toEqual(DemoOrganization.ranks.map((rank) => rank.name));
    expect(company.departments.length).toBeGreaterThan(0);
    expect(large.staffMembers.edges.every((edge: any) => JSON.stringify(edge.node.company) === JSON.stringify(company))).toBe(true);
    expect(largeCount.organization).toBe(smallCount.organization);
  });
});
