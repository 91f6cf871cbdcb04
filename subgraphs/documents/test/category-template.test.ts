import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { CREATE_CATEGORY, draft, GET, LIST, NO_RIGHTS, ok, refused, SET_CATEGORY, SET_PERMISSIONS, withoutDemoDocuments } from './documents.helpers.ts';

const stack = useStack();
let admin: string;
let staff: string;
let individual: string;
beforeAll(async () => {
  // Exact lists below: the demo documents (src/seed.ts) are not part of them.
  await withoutDemoDocuments(stack);
  [admin, staff, individual] = await Promise.all([stack.login('demo-admin'), stack.login('demo-staff'), stack.login('demo-individual')]);
});

const UPDATE_CATEGORY =
  'mutation ($id: ID!, $input: UpdateDocumentCategoryInput!) { updateDocumentCategory(id: $id, input: $input) { id name description updatedAt } }';
const DELETE_CATEGORIES = 'mutation ($ids: [ID!]!) { deleteDocumentCategories(ids: $ids) }';
const CATEGORY =
  'query ($id: ID!) { documentCategory(id: $id) { id name description contractCount templateCount history { previousName name previousDescription description changedBy { id } changedAt } } }';
const CREATE_TEMPLATE = `mutation ($input: CreateContractTemplateInput!) { createContractTemplate(input: $input) { id title body category { id } signatureFields { page x y width height partyIndex } } }`;
const UPDATE_TEMPLATE =
  'mutation ($id: ID!, $input: UpdateContractTemplateInput!) { updateContractTemplate(id: $id, input: $input) { id title category { id } } }';
const DELETE_TEMPLATE = 'mutation ($id: ID!) { deleteContractTemplate(id: $id) }';
const TEMPLATES =
  'query ($filter: ContractTemplateFilter, $first: Int) { contractTemplates(filter: $filter, first: $first) { edges { node { id title category { id } } } } }';
const TEMPLATE = 'query ($id: ID!) { contractTemplate(id: $id) { id title } }';

const category = async (name: string, description?: string) =>
  (await ok(stack, admin, CREATE_CATEGORY, { input: { name, description } })).createDocumentCategory;

describe('document categories (R-CAT-1..4)', () => {
  it('creates categories with names unique within the company regardless of case and surrounding spaces', async () => {
    const lease = await category('Lease 임대차', '부동산 임대차 계약');
    expect(lease).toMatchObject({ name: 'Lease 임대차', description: '부동산 임대차 계약' });
    for (const name of ['  lease 임대차 ', 'LEASE 임대차']) expect((await refused(stack, admin, CREATE_CATEGORY, { input: { name } })).code).toBe('CONFLICT');
    expect((await refused(stack, admin, CREATE_CATEGORY, { input: { name: '   ' } })).code).toBe('BAD_USER_INPUT');
    // Another company (the individual's workspace) may use the same name.
    expect((await ok(stack, individual, CREATE_CATEGORY, { input: { name: 'lease 임대차' } })).createDocumentCategory.name).toBe('lease 임대차');
  });

  it('lets only the total admin manage categories and read their history; every member lists them', async () => {
    const cat = await category('근로계약');
    for (const [query, variables] of [
      [CREATE_CATEGORY, { input: { name: '담당자 분류' } }],
      [UPDATE_CATEGORY, { id: cat.id, input: { name: '바꿈' } }],
      [DELETE_CATEGORIES, { ids: [cat.id] }],
    ] as const) {
      expect((await refused(stack, staff, query, variables)).code).toBe('FORBIDDEN');
    }
    expect((await ok(stack, staff, '{ documentCategories { id name } }')).documentCategories).toContainEqual({ id: cat.id, name: '근로계약' });
    expect((await ok(stack, staff, 'query ($id: ID!) { documentCategory(id: $id) { name contractCount } }', { id: cat.id })).documentCategory.name).toBe(
      '근로계약',
    );
    expect((await refused(stack, staff, CATEGORY, { id: cat.id })).code).toBe('FORBIDDEN');
    expect((await refused(stack, individual, 'query ($id: ID!) { documentCategory(id: $id) { name } }', { id: cat.id })).code).toBe('NOT_FOUND');
  });

  it('keeps every change with previous and new name and description, who and when (R-CAT-2)', async () => {
    const cat = await category('용역', '외주 용역');
    await ok(stack, admin, UPDATE_CATEGORY, { id: cat.id, input: { name: '용역계약' } });
    await ok(stack, admin, UPDATE_CATEGORY, { id: cat.id, input: { description: '외주 및 위탁' } });
    const unchanged = (await ok(stack, admin, UPDATE_CATEGORY, { id: cat.id, input: { name: ' 용역계약 ' } })).updateDocumentCategory;
    expect(unchanged.name).toBe('용역계약');
    const { history } = (await ok(stack, admin, CATEGORY, { id: cat.id })).documentCategory;
    expect(history.map(({ changedAt, ...rest }: any) => rest)).toEqual([
      { previousName: '용역계약', name: '용역계약', previousDescription: '외주 용역', description: '외주 및 위탁', changedBy: { id: DemoIds.totalAdmin } },
      { previousName: '용역', name: '용역계약', previousDescription: '외주 용역', description: '외주 용역', changedBy: { id: DemoIds.totalAdmin } },
    ]);
    await category('다른 분류');
    expect((await refused(stack, admin, UPDATE_CATEGORY, { id: cat.id, input: { name: '다른 분류' } })).code).toBe('CONFLICT');
    const audit = await stack.sql('select action, before, after from documents.audit_entry where target_id = ? order by seq', [cat.id]);
    expect(audit.map((entry: any) => entry.action)).toEqual(['CATEGORY_CREATED', 'CATEGORY_UPDATED', 'CATEGORY_UPDATED']);
    expect(audit[1]).toMatchObject({ before: { name: '용역' }, after: { name: '용역계약' } });
  });

  it('deletes several at once; their contracts and templates become uncategorised in the same transaction (R-CAT-3)', async () => {
    const [first, second, kept] = [await category('삭제1'), await category('삭제2'), await category('유지')];
    const contracts = [
      await draft(stack, admin, { categoryId: first.id }),
      await draft(stack, admin, { categoryId: second.id }),
      await draft(stack, admin, { categoryId: kept.id }),
    ];
    const template = (await ok(stack, admin, CREATE_TEMPLATE, { input: { title: '양식', categoryId: first.id } })).createContractTemplate;
    expect((await ok(stack, admin, CATEGORY, { id: first.id })).documentCategory).toMatchObject({ contractCount: 1, templateCount: 1 });
    // One unknown id: nothing is deleted.
    expect((await refused(stack, admin, DELETE_CATEGORIES, { ids: [first.id, DemoIds.company] })).code).toBe('NOT_FOUND');
    expect((await ok(stack, admin, GET, { id: contracts[0].id })).contract.category).toEqual({ id: first.id, name: '삭제1' });
    expect((await ok(stack, admin, DELETE_CATEGORIES, { ids: [first.id, second.id] })).deleteDocumentCategories.sort()).toEqual([first.id, second.id].sort());
    expect((await ok(stack, admin, GET, { id: contracts[0].id })).contract.category).toBeNull();
    expect((await ok(stack, admin, GET, { id: contracts[1].id })).contract.category).toBeNull();
    expect((await ok(stack, admin, GET, { id: contracts[2].id })).contract.category).toEqual({ id: kept.id, name: '유지' });
    expect((await ok(stack, admin, TEMPLATE.replace('title', 'title category { id }'), { id: template.id })).contractTemplate.category).toBeNull();
    const uncategorized = (await ok(stack, admin, LIST, { first: 500, filter: { uncategorized: true } })).contracts.edges.map((edge: any) => edge.node.id);
    expect(uncategorized).toEqual(expect.arrayContaining([contracts[0].id, contracts[1].id]));
    expect(uncategorized).not.toContain(contracts[2].id);
    expect((await refused(stack, admin, CATEGORY, { id: first.id })).code).toBe('NOT_FOUND');
  });

  it('files a contract under a category and back to none', async () => {
    const cat = await category('파일링');
    const contract = await draft(stack, admin);
    expect((await ok(stack, admin, SET_CATEGORY, { id: contract.id, categoryId: cat.id })).setContractCategory.category).toEqual({
      id: cat.id,
      name: '파일링',
    });
    expect((await ok(stack, admin, LIST, { first: 10, filter: { categoryId: cat.id } })).contracts.edges.map((edge: any) => edge.node.id)).toEqual([
      contract.id,
    ]);
    expect((await ok(stack, admin, SET_CATEGORY, { id: contract.id, categoryId: null })).setContractCategory.category).toBeNull();
  });
});

describe('contract templates (양식)', () => {
  it('stores title, body, category and signature places, and a new contract starts from them', async () => {
    const cat = await category('양식분류');
    const fields = [
      { page: 1, x: 72, y: 700, width: 120, height: 40, partyIndex: 0 },
      { page: 2, x: 300, y: 700, width: 120, height: 40, partyIndex: 1 },
    ];
    const template = (
      await ok(stack, admin, CREATE_TEMPLATE, { input: { title: '표준 근로계약서', body: '제1조 근로조건', categoryId: cat.id, signatureFields: fields } })
    ).createContractTemplate;
    expect(template).toMatchObject({ title: '표준 근로계약서', body: '제1조 근로조건', category: { id: cat.id }, signatureFields: fields });
    const contract = (
      await ok(stack, admin, 'mutation ($input: CreateContractInput!) { createContract(input: $input) { title body category { id } template { id title } } }', {
        input: { templateId: template.id },
      })
    ).createContract;
    expect(contract).toEqual({
      title: '표준 근로계약서',
      body: '제1조 근로조건',
      category: { id: cat.id },
      template: { id: template.id, title: '표준 근로계약서' },
    });
    expect((await refused(stack, admin, CREATE_TEMPLATE, { input: { title: '잘못', signatureFields: [{ ...fields[0], width: 0 }] } })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      (await ok(stack, admin, UPDATE_TEMPLATE, { id: template.id, input: { title: '개정 근로계약서', clearCategory: true } })).updateContractTemplate,
    ).toEqual({ id: template.id, title: '개정 근로계약서', category: null });
    const listed = (await ok(stack, staff, TEMPLATES, { first: 50, filter: { search: '근로' } })).contractTemplates.edges.map((edge: any) => edge.node.id);
    expect(listed).toContain(template.id);
    expect((await refused(stack, individual, TEMPLATE, { id: template.id })).code).toBe('NOT_FOUND');
    expect((await ok(stack, admin, DELETE_TEMPLATE, { id: template.id })).deleteContractTemplate).toBe(template.id);
    expect((await refused(stack, admin, TEMPLATE, { id: template.id })).code).toBe('NOT_FOUND');
  });

  it('lets the total admin and members with the write permission manage templates, nobody else', async () => {
    expect((await refused(stack, staff, CREATE_TEMPLATE, { input: { title: '담당자 양식' } })).code).toBe('FORBIDDEN');
    await ok(stack, admin, SET_PERMISSIONS, { id: DemoIds.staff, input: { ...NO_RIGHTS, write: true } });
    try {
      const template = (await ok(stack, staff, CREATE_TEMPLATE, { input: { title: '담당자 양식' } })).createContractTemplate;
      expect(template.title).toBe('담당자 양식');
      expect((await ok(stack, staff, DELETE_TEMPLATE, { id: template.id })).deleteContractTemplate).toBe(template.id);
    } finally {
      await ok(stack, admin, SET_PERMISSIONS, { id: DemoIds.staff, input: NO_RIGHTS });
    }
  });
});
