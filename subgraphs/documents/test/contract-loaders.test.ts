import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { CREATE_CATEGORY, ok, withoutDemoDocuments } from './documents.helpers.ts';

const stack = useStack();
// Nine objects per contract, so 500 of them stay within the gateway's cost limit (5,000; issue #12).
const LIST = `query ($first: Int!) { contracts(first: $first) { edges { node { id managementNumber
  category { name contractCount templateCount } template { title category { name } }
  author { id name department { name } } department { name } approver { id name } } } } }`;

let admin: string;
// 60 contracts across three authors, four categories, three templates and two approvers, inserted directly.
beforeAll(async () => {
  // Exact lists below: the demo documents (src/seed.ts) are not part of them.
  await withoutDemoDocuments(stack);
  admin = await stack.login('demo-admin');
  const categories: string[] = [];
  for (let i = 0; i < 4; i++) categories.push((await ok(stack, admin, CREATE_CATEGORY, { input: { name: `분류${i}` } })).createDocumentCategory.id);
  const templates: string[] = [];
  for (let i = 0; i < 3; i++) {
    templates.push(
      (
        await ok(stack, admin, 'mutation ($input: CreateContractTemplateInput!) { createContractTemplate(input: $input) { id } }', {
          input: { title: `양식${i}`, categoryId: categories[i] },
        })
      ).createContractTemplate.id,
    );
  }
  const authors = [DemoIds.totalAdmin, DemoIds.departmentManager, DemoIds.staff];
  const departments = [null, '00000000-0000-4000-8000-00000000d001', '00000000-0000-4000-8000-00000000d002'];
  for (let i = 0; i < 60; i++) {
    const [row] = await stack.sql<{ id: string }>(
      `insert into documents.contract (company_id, title, management_number, status, author_id, department_id, approval_required, approver_id, template_id, parties)
       values (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, '[]') returning id`,
      [
        DemoIds.company,
        `계약 ${i}`,
        `2035-01-${String(i + 1).padStart(5, '0')}`,
        authors[i % 3],
        departments[i % 3],
        i % 2 === 0,
        i % 2 === 0 ? (i % 4 === 0 ? DemoIds.departmentManager : DemoIds.totalAdmin) : null,
        templates[i % 3],
      ],
    );
    await stack.sql(
      `insert into documents.contract_filing (contract_id, company_id, box, owner_id, owner_department_id, category_id) values (?, ?, 'SENT', ?, ?, ?)`,
      [row!.id, DemoIds.company, authors[i % 3], departments[i % 3], categories[i % 4]],
    );
  }
});

describe('batched lookups (DataLoader)', () => {
  it('lists 500 contracts with category, template, author and department, approver in as many SQL statements per subgraph as 5', async () => {
    let small: any;
    let large: any;
    const smallCount = await stack.countSql(async () => {
      small = await ok(stack, admin, LIST, { first: 5 });
    });
    const largeCount = await stack.countSql(async () => {
      large = await ok(stack, admin, LIST, { first: 500 });
    });
    expect(small.contracts.edges).toHaveLength(5);
    expect(large.contracts.edges).toHaveLength(60);
    const nodes = large.contracts.edges.map((edge: any) => edge.node);
    expect(nodes.every((node: any) => node.category && node.template && node.author.name)).toBe(true);
    expect(
      nodes
        .filter((node: any) => node.author.id === DemoIds.staff)
        .every((node: any) => node.author.department.name === '영업1팀' && node.department.name === '영업1팀'),
    ).toBe(true);
    expect(nodes.filter((node: any) => node.approver?.id === DemoIds.departmentManager)).toHaveLength(15);
    expect(nodes.find((node: any) => node.category.name === '분류0').category.contractCount).toBe(15);
    expect(largeCount).toEqual(smallCount);
    expect(largeCount.documents).toBeLessThanOrEqual(12);
  });
});

describe('paging', () => {
  it('pages newest first with cursors, and refuses a cursor from another list or a size over 500', async () => {
    const PAGE =
      'query ($first: Int!, $after: String) { contracts(first: $first, after: $after) { edges { node { managementNumber } } pageInfo { hasNextPage endCursor } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(stack, admin, PAGE, { first: 25, after })).contracts;
      seen.push(...page.edges.map((edge: any) => edge.node.managementNumber));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `2035-01-${String(60 - i).padStart(5, '0')}`));
    const templatesCursor = (await ok(stack, admin, '{ contractTemplates(first: 1) { pageInfo { endCursor } } }')).contractTemplates.pageInfo.endCursor;
    expect((await stack.graphql(PAGE, { first: 5, after: templatesCursor }, { token: admin })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.graphql(PAGE, { first: 501 }, { token: admin })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A cursor of a contract the viewer cannot see is refused, not answered with a page.
    const individual = await stack.login('demo-individual');
    const adminCursor = (await ok(stack, admin, PAGE, { first: 1 })).contracts.pageInfo.endCursor;
    expect((await stack.graphql(PAGE, { first: 5, after: adminCursor }, { token: individual })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
