import { randomUUID } from 'node:crypto';
import { DemoDocuments, newBusinessNumber, newMemberFields, ok, refused, signUpCorporate, tokenMailedTo, type Stack } from '@econtract/testkit';

// One way to run or refuse an operation in tests: the test kit's.
export { ok, refused };

export const CONTRACT = `id title body managementNumber status box approvalRequired contentDigest category { id name } template { id } author { id } department { id }
  approver { id } approval { decidedBy { id } approved decidedAt reason } parties { role name email phone company } viewerCan { edit delete sign discard }
  createdAt sentAt completedAt cancelledAt discardedAt`;
export const CREATE = `mutation ($input: CreateContractInput!) { createContract(input: $input) { ${CONTRACT} } }`;
export const UPDATE = `mutation ($id: ID!, $input: UpdateContractInput!) { updateContract(id: $id, input: $input) { ${CONTRACT} } }`;
export const GET = `query ($id: ID!) { contract(id: $id) { ${CONTRACT} } }`;
export const LIST = `query ($filter: ContractFilter, $first: Int, $after: String) { contracts(filter: $filter, first: $first, after: $after) { edges { cursor node { id title status box managementNumber category { id } } } pageInfo { hasNextPage endCursor } } }`;
const step = (name: string) => `mutation ($id: ID!) { ${name}(id: $id) { ${CONTRACT} } }`;
export const REQUEST_APPROVAL = step('requestApproval');
export const APPROVE = step('approveContract');
export const REJECT = `mutation ($id: ID!, $reason: String!) { rejectContract(id: $id, reason: $reason) { ${CONTRACT} } }`;
export const SEND = step('sendContract');
export const COMPLETE = step('completeContract');
export const CANCEL = step('cancelContract');
export const DISCARD = step('discardContract');
export const DELETE = 'mutation ($id: ID!) { deleteContract(id: $id) }';
export const SET_CATEGORY = `mutation ($id: ID!, $categoryId: ID) { setContractCategory(id: $id, categoryId: $categoryId) { ${CONTRACT} } }`;
export const CREATE_CATEGORY =
  'mutation ($input: CreateDocumentCategoryInput!) { createDocumentCategory(input: $input) { id name description createdAt updatedAt } }';
export const SETTINGS =
  'mutation ($input: UpdateCompanySettingsInput!) { updateCompanySettings(input: $input) { settings { internalApproval contractNumbering } } }';

export const party = (name = '홍길동', email = `${randomUUID().slice(0, 8)}@counterparty.example`) => ({
  name,
  email,
  phone: '010-0000-0000',
  company: '상대회사',
});

/** A draft with one counterparty; returns the created contract. */
export async function draft(stack: Stack, token: string, input: Record<string, unknown> = {}) {
  return (await ok(stack, token, CREATE, { input: { title: '용역 계약서', body: '제1조 목적', parties: [party()], ...input } })).createContract;
}

/** Prepaid units for a company, arranged directly in billing's table (oldest purchase first is used first). */
export async function grantUnits(stack: Stack, companyId: string, charged: number, purchasedDaysAgo = 1): Promise<string> {
  const id = randomUUID();
  await stack.sql(
    `insert into billing.prepaid_lot (id, company_id, plan_code, kind, charged_count, used_count, purchased_at, expires_at)
     values (?, ?, 'SOHO', 'PAID', ?, 0, now() - make_interval(days => ?), now() + interval '30 days')`,
    [id, companyId, charged, purchasedDaysAgo],
  );
  return id;
}

/** Uses up every lot of a company (no usable unit left). */
export const exhaustUnits = (stack: Stack, companyId: string) =>
  stack.sql('update billing.prepaid_lot set used_count = charged_count where company_id = ?', [companyId]);

/** Registers and verifies a staff member of the demo company as its admin; returns id, email and token. */
export async function staffMember(stack: Stack, adminToken: string, input: Record<string, unknown>) {
  const fields = newMemberFields('st');
  const full = { loginId: fields.loginId, password: fields.password, name: fields.name, email: fields.email, grade: 'STAFF', ...input };
  const { registerStaff } = await ok(stack, adminToken, 'mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }', { input: full });
  const verification = await tokenMailedTo(stack, full.email as string, 'Verification token');
  await stack.graphql('mutation ($t: String!) { verifyEmail(token: $t) }', { t: verification });
  return { id: registerStaff.id as string, email: full.email as string, token: await stack.login(full.loginId, full.password) };
}

export const SET_PERMISSIONS = 'mutation ($id: ID!, $input: StaffPermissionsInput!) { setStaffPermissions(id: $id, input: $input) { id } }';
export const NO_RIGHTS = { write: false, edit: false, delete: false, sign: false, discard: false };

/** A second corporate member, verified and signed in: its total admin's id, email, company id and token. */
export async function otherCompany(stack: Stack) {
  const fields = { ...newMemberFields('other'), companyName: '다른회사(주)', businessNumber: newBusinessNumber(), representative: '이대표' };
  const signup = await signUpCorporate(stack, fields);
  if (!signup.data?.signUpCorporate) throw new Error(`signup failed: ${JSON.stringify(signup.errors)}`);
  const verification = await tokenMailedTo(stack, fields.email, 'Verification token');
  await stack.graphql('mutation ($t: String!) { verifyEmail(token: $t) }', { t: verification });
  const token = await stack.login(fields.loginId, fields.password);
  const userId = signup.data.signUpCorporate.user.id as string;
  const [profile] = await stack.sql<{ company_id: string }>('select company_id from organization.staff_profile where user_id = ?', [userId]);
  return { ...fields, userId, companyId: profile!.company_id, token };
}

/** The demo company's departments (organization's seed): 영업본부 {영업1팀} and 경영지원팀. */
export const DemoDepartments = {
  sales: '00000000-0000-4000-8000-00000000d001',
  salesTeam1: '00000000-0000-4000-8000-00000000d002',
  management: '00000000-0000-4000-8000-00000000d003',
} as const;

/**
 * Removes the demo documents (src/seed.ts) from this file's database, for tests that assert exactly
 * what a viewer lists; numbers already issued stay counted.
 */
export async function withoutDemoDocuments(stack: Stack): Promise<void> {
  const ids = (group: Record<string, string>) => Object.values(group);
  await stack.sql(
    `delete from documents.contract where id in (${ids(DemoDocuments.contracts)
      .map(() => '?')
      .join(', ')})`,
    ids(DemoDocuments.contracts),
  );
  await stack.sql(
    `delete from documents.contract_template where id in (${ids(DemoDocuments.templates)
      .map(() => '?')
      .join(', ')})`,
    ids(DemoDocuments.templates),
  );
  await stack.sql(
    `delete from documents.document_category where id in (${ids(DemoDocuments.categories)
      .map(() => '?')
      .join(', ')})`,
    ids(DemoDocuments.categories),
  );
}
