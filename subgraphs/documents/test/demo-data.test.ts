import { describe, expect, it } from 'vitest';
import { DemoDocuments, useStack } from '@econtract/testkit';
import { seedDemoDocuments } from '../src/seed.ts';
import { ok } from './documents.helpers.ts';

// Issue #10 item 12: the demo set `pnpm dev` starts with (src/seed.ts); the test databases are seeded with it too.
const stack = useStack();
const LIST = `query ($filter: ContractFilter) { contracts(first: 50, filter: $filter) { edges { node { id title status box managementNumber
  category { name } author { id } department { name } parties { role name email } } } } }`;
type Listed = {
  id: string;
  title: string;
  status: string;
  box: string;
  managementNumber: string;
  category: { name: string } | null;
  author: { id: string } | null;
  department: { name: string } | null;
};
const nodes = (data: any): Listed[] => data.contracts.edges.map((edge: { node: Listed }) => edge.node);

describe('demo documents', () => {
  it('gives the demo company contracts in every status across its departments, and one received from the partner company', async () => {
    const admin = nodes(await ok(stack, await stack.login('demo-admin'), LIST));
    const sent = admin.filter((contract) => contract.box === 'SENT');
    expect(sent.map((contract) => contract.status).sort()).toEqual(['APPROVED', 'AWAITING_APPROVAL', 'CANCELLED', 'COMPLETED', 'DISCARDED', 'DRAFT', 'SENT']);
    expect(new Set(sent.map((contract) => contract.department?.name ?? null))).toEqual(new Set(['영업본부', '영업1팀', null]));
    // Numbered by the counter for October 2026 in the order written; listed newest first.
    expect(sent.map((contract) => contract.managementNumber)).toEqual(Array.from({ length: 7 }, (_, i) => `2026-10-${String(7 - i).padStart(5, '0')}`));
    const received = admin.filter((contract) => contract.box === 'RECEIVED');
    expect(received).toMatchObject([
      { id: DemoDocuments.contracts.fromPartner, status: 'SENT', category: { name: '구매계약' }, author: null, department: null },
    ]);

    // R-STAFF-4 on the demo set: staff see their own and the partner's contract addressed to them; the manager also their department's.
    const staff = nodes(await ok(stack, await stack.login('demo-staff'), LIST));
    expect(staff.map((contract) => contract.id).sort()).toEqual(
      [DemoDocuments.contracts.draft, DemoDocuments.contracts.awaitingApproval, DemoDocuments.contracts.cancelled, DemoDocuments.contracts.fromPartner].sort(),
    );
    const manager = nodes(await ok(stack, await stack.login('demo-manager'), LIST));
    expect(manager.map((contract) => contract.id).sort()).toEqual(
      [
        DemoDocuments.contracts.draft,
        DemoDocuments.contracts.awaitingApproval,
        DemoDocuments.contracts.cancelled,
        DemoDocuments.contracts.fromPartner,
        DemoDocuments.contracts.approved,
        DemoDocuments.contracts.completed,
      ].sort(),
    );
    // The partner files it in its own sent box, without the demo company's category.
    const partner = nodes(await ok(stack, await stack.login('partner-admin'), LIST));
    expect(partner).toMatchObject([{ id: DemoDocuments.contracts.fromPartner, box: 'SENT', category: null, managementNumber: '2026-10-00001' }]);
  });

  it("answers the README's first query with real rows for every demo viewer, received contracts included", async () => {
    const README_QUERY = `{ viewer { id loginId company { id name } } plans { code } documentCategories { id name contractCount }
      contracts(first: 10) { edges { node { managementNumber title status box author { name } department { name } approver { name } approval { decidedBy { name } } } } } }`;
    for (const login of ['demo-admin', 'demo-manager', 'demo-staff', 'partner-admin']) {
      const result = await stack.graphql(README_QUERY, {}, { token: await stack.login(login) });
      expect([login, result.errors]).toEqual([login, undefined]);
      expect(result.data.contracts.edges.length).toBeGreaterThan(0);
    }
    const admin = await stack.graphql(README_QUERY, {}, { token: await stack.login('demo-admin') });
    const approved = admin.data.contracts.edges.find((edge: { node: { status: string } }) => edge.node.status === 'APPROVED').node;
    expect(approved).toMatchObject({
      author: { name: '이부서' },
      department: { name: '영업본부' },
      approver: { name: '김총괄' },
      approval: { decidedBy: { name: '김총괄' } },
    });
    // The partner's member is not the demo company's to look up: its contract names the sender in its parties only.
    const received = admin.data.contracts.edges.find((edge: { node: { box: string } }) => edge.node.box === 'RECEIVED').node;
    expect(received).toMatchObject({ author: null, department: null, approver: null, approval: null });
  });

  it('has categories with history and templates with places for bulk issuance', async () => {
    const admin = await stack.login('demo-admin');
    const { documentCategory } = await ok(
      stack,
      admin,
      'query ($id: ID!) { documentCategory(id: $id) { name description contractCount templateCount history { previousName name description } } }',
      {
        id: DemoDocuments.categories.services,
      },
    );
    expect(documentCategory).toMatchObject({ name: '용역계약', contractCount: 4, templateCount: 1 });
    expect(documentCategory.history).toEqual([
      { previousName: '용역계약', name: '용역계약', description: '외부 업체에 업무를 맡기는 계약' },
      { previousName: '용역', name: '용역계약', description: null },
    ]);
    const { contractTemplates } = await ok(stack, admin, '{ contractTemplates(first: 10) { edges { node { title body signatureFields { partyIndex } } } } }');
    expect(contractTemplates.edges.map((edge: { node: { title: string } }) => edge.node.title).sort()).toEqual([
      '물품 구매 계약서',
      '용역 계약서',
      '표준 근로계약서',
    ]);
    expect(
      contractTemplates.edges.every(
        (edge: { node: { body: string; signatureFields: unknown[] } }) => edge.node.body.includes('{{') && edge.node.signatureFields.length === 2,
      ),
    ).toBe(true);
  });

  it('is seeded once: a second run changes nothing', async () => {
    const counts = () =>
      stack.sql<{ t: string; n: string }>(
        `select 'contract' as t, count(*) as n from documents.contract union all select 'filing', count(*) from documents.contract_filing
         union all select 'category', count(*) from documents.document_category union all select 'history', count(*) from documents.document_category_history
         union all select 'template', count(*) from documents.contract_template union all select 'counter', sum(last_serial) from documents.contract_number_counter`,
      );
    const before = await counts();
    await seedDemoDocuments(stack.subgraphs.documents.createContext().em);
    expect(await counts()).toEqual(before);
  });
});
