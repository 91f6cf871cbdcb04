import { beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '@econtract/testkit';
import { CREATE_CATEGORY, draft, ok, otherCompany } from './documents.helpers.ts';

const stack = useStack();

/** Every documents operation, with variables naming the demo company's rows. */
const operations = (ids: { contract: string; category: string; template: string }): Array<[string, string, Record<string, unknown>]> => [
  ['contracts', '{ contracts { edges { node { id } } } }', {}],
  ['contract', 'query ($id: ID!) { contract(id: $id) { id } }', { id: ids.contract }],
  ['documentCategories', '{ documentCategories { id } }', {}],
  ['documentCategory', 'query ($id: ID!) { documentCategory(id: $id) { id } }', { id: ids.category }],
  ['contractTemplates', '{ contractTemplates { edges { node { id } } } }', {}],
  ['contractTemplate', 'query ($id: ID!) { contractTemplate(id: $id) { id } }', { id: ids.template }],
  ['createDocumentCategory', 'mutation { createDocumentCategory(input: { name: "침입 분류" }) { id } }', {}],
  ['updateDocumentCategory', 'mutation ($id: ID!) { updateDocumentCategory(id: $id, input: { name: "탈취" }) { id } }', { id: ids.category }],
  ['deleteDocumentCategories', 'mutation ($id: ID!) { deleteDocumentCategories(ids: [$id]) }', { id: ids.category }],
  ['createContractTemplate', 'mutation { createContractTemplate(input: { title: "침입 양식" }) { id } }', {}],
  ['updateContractTemplate', 'mutation ($id: ID!) { updateContractTemplate(id: $id, input: { title: "탈취" }) { id } }', { id: ids.template }],
  ['deleteContractTemplate', 'mutation ($id: ID!) { deleteContractTemplate(id: $id) }', { id: ids.template }],
  ['createContract', 'mutation { createContract(input: { title: "침입 계약" }) { id } }', {}],
  ['updateContract', 'mutation ($id: ID!) { updateContract(id: $id, input: { title: "탈취" }) { id } }', { id: ids.contract }],
  ['setContractCategory', 'mutation ($id: ID!) { setContractCategory(id: $id, categoryId: null) { id } }', { id: ids.contract }],
  ['requestApproval', 'mutation ($id: ID!) { requestApproval(id: $id) { id } }', { id: ids.contract }],
  ['approveContract', 'mutation ($id: ID!) { approveContract(id: $id) { id } }', { id: ids.contract }],
  ['rejectContract', 'mutation ($id: ID!) { rejectContract(id: $id, reason: "x") { id } }', { id: ids.contract }],
  ['sendContract', 'mutation ($id: ID!) { sendContract(id: $id) { id } }', { id: ids.contract }],
  ['completeContract', 'mutation ($id: ID!) { completeContract(id: $id) { id } }', { id: ids.contract }],
  ['cancelContract', 'mutation ($id: ID!) { cancelContract(id: $id) { id } }', { id: ids.contract }],
  ['discardContract', 'mutation ($id: ID!) { discardContract(id: $id) { id } }', { id: ids.contract }],
  ['deleteContract', 'mutation ($id: ID!) { deleteContract(id: $id) }', { id: ids.contract }],
];

const MANAGEMENT = new Set(['createDocumentCategory', 'updateDocumentCategory', 'deleteDocumentCategories']);
const WRITING = new Set(['createContractTemplate', 'updateContractTemplate', 'deleteContractTemplate', 'createContract']);
const LISTS = new Set(['contracts', 'documentCategories', 'contractTemplates']);

let ids: { contract: string; category: string; template: string };
let other: Awaited<ReturnType<typeof otherCompany>>;
beforeAll(async () => {
  const admin = await stack.login('demo-admin');
  ids = {
    contract: (await draft(stack, admin)).id,
    category: (await ok(stack, admin, CREATE_CATEGORY, { input: { name: '보호 분류' } })).createDocumentCategory.id,
    template: (await ok(stack, admin, 'mutation { createContractTemplate(input: { title: "보호 양식" }) { id } }')).createContractTemplate.id,
  };
  other = await otherCompany(stack);
});

const codeOf = async (query: string, variables: Record<string, unknown>, token?: string) =>
  (await stack.graphql(query, variables, token ? { token } : {})).errors?.[0]?.extensions?.code;

describe('every documents operation, for every role', () => {
  it('refuses anonymous callers (UNAUTHENTICATED) and the operator, who belongs to no company (FORBIDDEN)', async () => {
    const operator = await stack.login('operator');
    for (const [name, query, variables] of operations(ids)) {
      expect([name, await codeOf(query, variables)]).toEqual([name, 'UNAUTHENTICATED']);
      expect([name, await codeOf(query, variables, operator)]).toEqual([name, 'FORBIDDEN']);
    }
  });

  it("never lets another company's total admin touch the demo company's rows: NOT_FOUND, or its own empty lists", async () => {
    for (const [name, query, variables] of operations(ids)) {
      if (LISTS.has(name) || name.startsWith('create')) continue;
      expect([name, await codeOf(query, variables, other.token)]).toEqual([name, 'NOT_FOUND']);
    }
    expect(
      await ok(stack, other.token, '{ contracts { edges { node { id } } } documentCategories { id } contractTemplates { edges { node { id } } } }'),
    ).toEqual({
      contracts: { edges: [] },
      documentCategories: [],
      contractTemplates: { edges: [] },
    });
  });

  it('refuses staff without rights: category management (total admin only), writing (write permission), and contracts outside their view (NOT_FOUND)', async () => {
    const staff = await stack.login('demo-staff');
    for (const [name, query, variables] of operations(ids)) {
      const code = await codeOf(query, variables, staff);
      if (MANAGEMENT.has(name) || WRITING.has(name)) expect([name, code]).toEqual([name, 'FORBIDDEN']);
      else if (LISTS.has(name) || name === 'documentCategory' || name === 'contractTemplate') expect([name, code]).toEqual([name, undefined]);
      else expect([name, code]).toEqual([name, 'NOT_FOUND']);
    }
  });
});
