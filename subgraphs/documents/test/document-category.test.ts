import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, startStack, type Stack } from '@econtract/testkit';
import { DocumentCategory } from '../src/category/document-category.entity.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const em = () => stack.subgraphs.documents.createContext().em;

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
