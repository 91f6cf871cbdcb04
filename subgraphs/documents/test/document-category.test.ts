import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { DocumentCategory } from '../src/category/document-category.entity.ts';
import { withoutDemoDocuments } from './documents.helpers.ts';

const stack = useStack();

const em = () => stack.subgraphs.documents.createContext().em;

// Exact lists below: the demo documents (src/seed.ts) are not part of them.
beforeAll(() => withoutDemoDocuments(stack));

describe('document categories (documents)', () => {
  it("lists only the viewer's company's categories, by name", async () => {
    const manager = em();
    for (const [companyId, name] of [
      [DemoIds.company, '임대차'],
      [DemoIds.company, '근로계약'],
      [DemoIds.personalWorkspace, '개인 메모'],
      [randomUUID(), '다른 회사'],
    ] as const) {
      manager.create(DocumentCategory, { id: randomUUID(), companyId, name } as DocumentCategory);
    }
    await manager.flush();
    const admin = await stack.graphql('{ documentCategories { name } }', {}, { token: await stack.login('demo-staff') });
    expect(admin.data.documentCategories).toEqual([{ name: '근로계약' }, { name: '임대차' }]);
    const individual = await stack.graphql('{ documentCategories { name } }', {}, { token: await stack.login('demo-individual') });
    expect(individual.data.documentCategories).toEqual([{ name: '개인 메모' }]);
  });

  it('lists 1 or 40 categories with the same number of SQL statements', async () => {
    const token = await stack.login('demo-individual');
    const list = () => stack.graphql('{ documentCategories { id name createdAt } }', {}, { token });
    const few = await stack.countSql(list);
    const manager = em();
    for (let i = 0; i < 40; i++)
      manager.create(DocumentCategory, { id: randomUUID(), companyId: DemoIds.personalWorkspace, name: `분류 ${i}` } as DocumentCategory);
    await manager.flush();
    let count = 0;
    const many = await stack.countSql(async () => (count = (await list()).data.documentCategories.length));
    expect(count).toBe(41);
    expect(few.documents).toBeGreaterThan(0);
    expect(many).toEqual(few);
  });

  it('refuses the operator, who belongs to no company', async () => {
    const result = await stack.graphql('{ documentCategories { id } }', {}, { token: await stack.login('operator') });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a blank category name in the database', async () => {
    const manager = em();
    manager.create(DocumentCategory, { id: randomUUID(), companyId: DemoIds.company, name: '   ' } as DocumentCategory);
    await expect(manager.flush()).rejects.toThrow(/document_category_name_check/);
  });
});
