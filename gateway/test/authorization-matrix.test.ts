import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DemoIds,
  newBusinessNumber,
  newMemberFields,
  signUpCorporate,
  signUpIndividual,
  tokenMailedTo,
  useStack,
  type GraphQLResponse,
} from '@econtract/testkit';
import { DemoOrganization } from '../../subgraphs/organization/src/seed.ts';
import { AUTHORIZATION_MATRIX, ROLES, type Outcome, type Role } from './authorization-matrix.ts';
import { publicOperations } from './schema-operations.ts';
import { VerifyEmailDocument } from '@econtract/sdk';

// Every public query and mutation × six roles × the viewer's company owning the rows the arguments
// name ("own") or another company ("other"), against the expected outcome written in
// authorization-matrix.ts. A cell also leaks if its answer carries any other tenant's ids or names.
const stack = useStack();
const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const BLOCK_START = '<!-- authorization-matrix:start (written by gateway/test/authorization-matrix.test.ts) -->';
const BLOCK_END = '<!-- authorization-matrix:end -->';

type Tenant = 'own' | 'other';
interface Viewers {
  tokens: Record<Tenant, Partial<Record<Role, string>>>;
  logins: Record<Tenant, Partial<Record<Role, string>>>;
}
const viewers: Viewers = { tokens: { own: {}, other: {} }, logins: { own: {}, other: {} } };
/** Ids and names that only their tenant may see, per tenant key. */
const markers: Record<string, string[]> = {};
const tenantOf: Record<Tenant, Partial<Record<Role, string>>> = { own: {}, other: {} };

/** Rows of the demo company that the arguments name, made before the matrix runs. */
const fixture = { targetStaff: '', emptyDepartment: '', orderId: '', phoneVerification: '' };
/** The demo company's documents the arguments name: a category and template each to change and to delete, and the admin's contracts, each in the state its step needs. */
const documents = {
  category: '',
  deletableCategory: '',
  template: '',
  deletableTemplate: '',
  draft: '',
  forApprovalRequest: '',
  awaitingManagerA: '',
  awaitingManagerB: '',
  awaitingManagerC: '',
  awaitingManagerD: '',
  forSend: '',
  sent: '',
  forCancel: '',
  completed: '',
  forDelete: '',
};

/** The demo admin writes each contract of `documents` and takes it to the state its step needs (the demo manager approves). */
async function arrangeDocuments(adminToken: string) {
  // Prepaid units for sending and completing, arranged directly in billing's table.
  await stack.sql(
    `insert into billing.prepaid_lot (id, company_id, plan_code, kind, charged_count, used_count, purchased_at, expires_at)
     values (?, ?, 'SOHO', 'PAID', 10, 0, now() - interval '1 day', now() + interval '30 days')`,
    [randomUUID(), DemoIds.company],
  );
  const category = async (name: string) =>
    (await ok('mutation ($n: String!) { createDocumentCategory(input: { name: $n }) { id } }', { n: name }, adminToken)).createDocumentCategory.id as string;
  const template = async (title: string) =>
    (await ok('mutation ($t: String!) { createContractTemplate(input: { title: $t }) { id } }', { t: title }, adminToken)).createContractTemplate.id as string;
  const step = async (name: string, id: string) => ok(`mutation ($id: ID!) { ${name}(id: $id) { id } }`, { id }, adminToken);
  const contract = async (approverId: string | null = null) =>
    (
      await ok(
        'mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }',
        {
          input: {
            title: '매트릭스 계약',
            parties: [{ name: '상대방', email: 'counterparty@matrix.example' }],
            approvalRequired: approverId !== null,
            approverId,
          },
        },
        adminToken,
      )
    ).createContract.id as string;
  const awaitingManager = async () => {
    const id = await contract(DemoIds.departmentManager);
    await step('requestApproval', id);
    return id;
  };
  documents.category = await category('매트릭스 분류');
  documents.deletableCategory = await category('매트릭스 삭제 분류');
  documents.template = await template('매트릭스 양식');
  documents.deletableTemplate = await template('매트릭스 삭제 양식');
  documents.draft = await contract();
  documents.forApprovalRequest = await contract(DemoIds.departmentManager);
  for (const key of ['awaitingManagerA', 'awaitingManagerB', 'awaitingManagerC', 'awaitingManagerD'] as const) documents[key] = await awaitingManager();
  documents.forSend = await contract();
  documents.sent = await contract();
  await step('sendContract', documents.sent);
  documents.forCancel = await contract();
  documents.completed = await contract();
  await step('sendContract', documents.completed);
  await step('completeContract', documents.completed);
  documents.forDelete = await contract();
}

async function ok(query: string, variables: Record<string, unknown>, token?: string) {
  const result = await stack.graphql(query, variables, token ? { token } : {});
  if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

async function verifiedLogin(loginId: string, email: string) {
  expect((await stack.graphql(VerifyEmailDocument, { token: await tokenMailedTo(stack, email, 'Verification token') })).data.verifyEmail).toBe(true);
  return stack.login(loginId, DEMO_PASSWORD);
}

async function registerVerified(adminToken: string, grade: string, departmentId: string | null) {
  const fields = newMemberFields('mx');
  const { registerStaff } = await ok(
    'mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }',
    { input: { ...fields, password: DEMO_PASSWORD, grade, departmentId } },
    adminToken,
  );
  return { id: registerStaff.id as string, loginId: fields.loginId, token: await verifiedLogin(fields.loginId, fields.email) };
}

async function loginAll() {
  for (const tenant of ['own', 'other'] as const) {
    for (const [role, loginId] of Object.entries(viewers.logins[tenant])) viewers.tokens[tenant][role as Role] = await stack.login(loginId!, DEMO_PASSWORD);
  }
}

beforeAll(async () => {
  viewers.logins.own = { individual: 'demo-individual', staff: 'demo-staff', manager: 'demo-manager', totalAdmin: 'demo-admin', operator: 'operator' };
  const adminA = await stack.login('demo-admin');

  // Another company with every role, all using the demo password so the same arguments fit everyone.
  const admin = {
    ...newMemberFields('mxadmin'),
    password: DEMO_PASSWORD,
    companyName: '타사상사(주)',
    businessNumber: newBusinessNumber(),
    representative: '박대표',
  };
  const signup = await signUpCorporate(stack, admin);
  const adminB = await verifiedLogin(admin.loginId, admin.email);
  const companyB = (await ok('{ company { id } }', {}, adminB)).company.id as string;
  const departmentB = (await ok('mutation { createDepartment(input: { name: "타사본부" }) { id } }', {}, adminB)).createDepartment.id as string;
  const managerB = await registerVerified(adminB, 'DEPARTMENT_MANAGER', departmentB);
  const staffB = await registerVerified(adminB, 'STAFF', departmentB);
  const individual = { ...newMemberFields('mxindi'), password: DEMO_PASSWORD };
  const individualSignup = await signUpIndividual(stack, individual);
  await verifiedLogin(individual.loginId, individual.email);
  viewers.logins.other = { individual: individual.loginId, staff: staffB.loginId, manager: managerB.loginId, totalAdmin: admin.loginId, operator: 'operator' };

  // The demo company's rows the arguments name.
  fixture.targetStaff = (
    await ok(
      'mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }',
      { input: { ...newMemberFields('mxtarget'), grade: 'STAFF', departmentId: DemoOrganization.salesTeam1 } },
      adminA,
    )
  ).registerStaff.id;
  fixture.emptyDepartment = (await ok('mutation { createDepartment(input: { name: "매트릭스빈부서" }) { id } }', {}, adminA)).createDepartment.id;
  fixture.orderId = (await ok('mutation { preparePayment(planCode: "SOHO") { orderId } }', {}, adminA)).preparePayment.orderId;
  fixture.phoneVerification = (
    await ok('mutation { startPhoneVerification(phone: "010-5555-0001") { id } }', {}, await stack.login('demo-staff'))
  ).startPhoneVerification.id;

  await arrangeDocuments(adminA);

  const individualB = individualSignup.data.signUpIndividual.user.id as string;
  const [workspaceB] = await stack.sql<{ company_id: string }>('select company_id from organization.staff_profile where user_id = ?', [individualB]);
  markers.demo = [
    DemoIds.company,
    DemoOrganization.sales,
    DemoOrganization.salesTeam1,
    DemoOrganization.management,
    '데모전자',
    '영업본부',
    '영업1팀',
    '경영지원팀',
    fixture.targetStaff,
    fixture.emptyDepartment,
    fixture.orderId,
    'demo-staff',
    'demo-manager',
    ...Object.values(documents),
    '매트릭스 분류',
    '매트릭스 양식',
    '매트릭스 계약',
  ];
  markers.other = [
    companyB,
    departmentB,
    '타사상사',
    '타사본부',
    managerB.id,
    staffB.id,
    signup.data.signUpCorporate.user.id,
    managerB.loginId,
    staffB.loginId,
    admin.loginId,
  ];
  markers.personal = [DemoIds.personalWorkspace, DemoIds.individual];
  markers.personalOther = [workspaceB!.company_id, individualB, individual.loginId];
  tenantOf.own = { individual: 'personal', staff: 'demo', manager: 'demo', totalAdmin: 'demo' };
  tenantOf.other = { individual: 'personalOther', staff: 'other', manager: 'other', totalAdmin: 'other' };
  await loginAll();
}, 120_000);

const NO_PERMISSIONS = { write: false, edit: false, delete: false, sign: false, discard: false };

/**
 * A fresh number, login ID or address for each call of an operation limited per target (phone codes,
 * password resets, find-ID mails: a few per hour each), so every cell shows authorization, not the limit.
 */
let targetSeq = 0;
const nextTargetNumber = () => String(++targetSeq).padStart(4, '0');

/** The arguments and selection each operation is called with; the ids name the demo company's rows. */
const CALLS: Record<string, (role: Role, tenant: Tenant) => { query: string; variables?: Record<string, unknown> }> = {
  'query billingAccount': () => ({ query: '{ billingAccount { tier remainingCount activeLots { id } } }' }),
  'query prepaidLots': () => ({ query: '{ prepaidLots(includeExpired: true) { edges { node { id kind } } } }' }),
  'query payments': () => ({ query: '{ payments(first: 5) { edges { node { id orderId } } } }' }),
  'query plans': () => ({ query: '{ plans { code } }' }),
  'query documentCategories': () => ({ query: '{ documentCategories { id name } }' }),
  'query documentCategory': () => ({ query: 'query ($id: ID!) { documentCategory(id: $id) { id name } }', variables: { id: documents.category } }),
  'query contracts': () => ({ query: '{ contracts(first: 20) { edges { node { id title managementNumber } } } }' }),
  'query contract': () => ({ query: 'query ($id: ID!) { contract(id: $id) { id title } }', variables: { id: documents.draft } }),
  'query contractTemplates': () => ({ query: '{ contractTemplates(first: 20) { edges { node { id title } } } }' }),
  'query contractTemplate': () => ({ query: 'query ($id: ID!) { contractTemplate(id: $id) { id title } }', variables: { id: documents.template } }),
  'query viewer': () => ({ query: '{ viewer { id loginId company { id name } department { id name } } }' }),
  'query lockedAccounts': () => ({ query: '{ lockedAccounts { user { id loginId } lockedAt } }' }),
  'query loginAttempts': () => ({ query: 'query ($u: ID!) { loginAttempts(userId: $u, first: 5) { id loginId } }', variables: { u: fixture.targetStaff } }),
  'query loginIdAvailable': () => ({ query: '{ loginIdAvailable(loginId: "demo-admin") }' }),
  'query businessNumberCheck': () => ({ query: '{ businessNumberCheck(businessNumber: "1234567891") { valid registered } }' }),
  'query auditLog': () => ({ query: '{ auditLog(first: 5) { edges { node { id action targetId } } } }' }),
  'query company': () => ({ query: '{ company { id name } }' }),
  'query departments': () => ({ query: '{ departments { id name children { id name } } }' }),
  'query ranks': () => ({ query: '{ ranks { id name } }' }),
  'query staffMembers': () => ({ query: '{ staffMembers(first: 50) { edges { node { id loginId } } } }' }),
  'query approvers': () => ({ query: '{ approvers { id loginId } }' }),
  'mutation claimFreePass': () => ({ query: 'mutation { claimFreePass { id } }' }),
  'mutation preparePayment': () => ({ query: 'mutation { preparePayment(planCode: "SOHO") { orderId } }' }),
  'mutation prepareUpload': () => ({ query: 'mutation { prepareUpload(kind: CONTRACT_PDF) { fileId } }' }),
  'mutation confirmPayment': () => ({
    query: 'mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id status } }',
    variables: { input: { orderId: fixture.orderId, paymentKey: 'test_approve_matrix', amountKrw: 99000 } },
  }),
  'mutation createDocumentCategory': () => ({
    query: 'mutation ($n: String!) { createDocumentCategory(input: { name: $n }) { id } }',
    variables: { n: `분류-${randomUUID().slice(0, 8)}` },
  }),
  'mutation updateDocumentCategory': () => ({
    query: 'mutation ($id: ID!) { updateDocumentCategory(id: $id, input: { description: "매트릭스에서 수정" }) { id } }',
    variables: { id: documents.category },
  }),
  'mutation deleteDocumentCategories': () => ({
    query: 'mutation ($id: ID!) { deleteDocumentCategories(ids: [$id]) }',
    variables: { id: documents.deletableCategory },
  }),
  'mutation createContract': () => ({ query: 'mutation { createContract(input: { title: "매트릭스 새 계약", approvalRequired: false }) { id } }' }),
  'mutation createContractsInBulk': () => ({
    query: 'mutation ($input: CreateContractsInBulkInput!) { createContractsInBulk(input: $input) { id managementNumber } }',
    variables: {
      input: {
        templateId: documents.template,
        approvalRequired: false,
        rows: [{ title: '매트릭스 대량 계약', parties: [{ name: '상대방', email: 'counterparty@matrix.example' }] }],
      },
    },
  }),
  'mutation updateContract': () => ({
    query: 'mutation ($id: ID!) { updateContract(id: $id, input: { body: "제1조 (매트릭스)" }) { id } }',
    variables: { id: documents.draft },
  }),
  'mutation setContractCategory': () => ({
    query: 'mutation ($id: ID!, $c: ID!) { setContractCategory(id: $id, categoryId: $c) { id } }',
    variables: { id: documents.draft, c: documents.category },
  }),
  'mutation requestApproval': () => ({
    query: 'mutation ($id: ID!) { requestApproval(id: $id) { id status } }',
    variables: { id: documents.forApprovalRequest },
  }),
  // The demo manager decides one contract; every other caller tries one still waiting, so each cell shows who may decide.
  'mutation approveContract': (role, tenant) => ({
    query: 'mutation ($id: ID!) { approveContract(id: $id) { id status } }',
    variables: { id: role === 'manager' && tenant === 'own' ? documents.awaitingManagerA : documents.awaitingManagerB },
  }),
  'mutation rejectContract': (role, tenant) => ({
    query: 'mutation ($id: ID!) { rejectContract(id: $id, reason: "조건 재검토") { id status } }',
    variables: { id: role === 'manager' && tenant === 'own' ? documents.awaitingManagerC : documents.awaitingManagerD },
  }),
  'mutation sendContract': () => ({ query: 'mutation ($id: ID!) { sendContract(id: $id) { id status } }', variables: { id: documents.forSend } }),
  'mutation completeContract': () => ({ query: 'mutation ($id: ID!) { completeContract(id: $id) { id status } }', variables: { id: documents.sent } }),
  'mutation cancelContract': () => ({ query: 'mutation ($id: ID!) { cancelContract(id: $id) { id status } }', variables: { id: documents.forCancel } }),
  'mutation discardContract': () => ({ query: 'mutation ($id: ID!) { discardContract(id: $id) { id status } }', variables: { id: documents.completed } }),
  'mutation deleteContract': () => ({ query: 'mutation ($id: ID!) { deleteContract(id: $id) }', variables: { id: documents.forDelete } }),
  'mutation createContractTemplate': () => ({ query: 'mutation { createContractTemplate(input: { title: "매트릭스 새 양식" }) { id } }' }),
  'mutation updateContractTemplate': () => ({
    query: 'mutation ($id: ID!) { updateContractTemplate(id: $id, input: { body: "제1조 (매트릭스)" }) { id } }',
    variables: { id: documents.template },
  }),
  'mutation deleteContractTemplate': () => ({
    query: 'mutation ($id: ID!) { deleteContractTemplate(id: $id) }',
    variables: { id: documents.deletableTemplate },
  }),
  'mutation unlockAccount': () => ({ query: 'mutation ($u: ID!) { unlockAccount(userId: $u) { id } }', variables: { u: fixture.targetStaff } }),
  'mutation confirmPassword': () => ({ query: 'mutation ($p: String!) { confirmPassword(password: $p) { expiresAt } }', variables: { p: DEMO_PASSWORD } }),
  'mutation startPhoneVerification': () => ({
    query: 'mutation ($phone: String!) { startPhoneVerification(phone: $phone) { id } }',
    variables: { phone: `010-5555-${nextTargetNumber()}` },
  }),
  'mutation confirmPhoneVerification': () => ({
    query: 'mutation ($id: ID!) { confirmPhoneVerification(id: $id, code: "000000") }',
    variables: { id: fixture.phoneVerification },
  }),
  'mutation updateProfile': () => ({ query: 'mutation { updateProfile(input: { stepUpToken: "not-a-step-up-token", name: "바뀐이름" }) { id } }' }),
  'mutation findLoginId': () => ({
    query: 'mutation ($email: String!) { findLoginId(email: $email, name: "아무개") }',
    variables: { email: `nobody-${nextTargetNumber()}@example.com` },
  }),
  'mutation requestPasswordReset': () => ({
    query: 'mutation ($loginId: String!) { requestPasswordReset(loginId: $loginId, email: "nobody@example.com") }',
    variables: { loginId: `nobody-${nextTargetNumber()}` },
  }),
  'mutation resetPassword': () => ({ query: 'mutation { resetPassword(token: "not-a-reset-token", newPassword: "Another-pass-2026!") }' }),
  'mutation login': () => ({
    query: 'mutation ($p: String!) { login(loginId: "demo-individual", password: $p) { accessToken } }',
    variables: { p: DEMO_PASSWORD },
  }),
  'mutation refreshSession': () => ({ query: 'mutation { refreshSession(refreshToken: "not-a-refresh-token") { accessToken } }' }),
  'mutation logout': () => ({ query: 'mutation { logout }' }),
  'mutation signUpIndividual': () => ({
    query: 'mutation ($input: SignUpIndividualInput!) { signUpIndividual(input: $input) { user { id } } }',
    variables: { input: newMemberFields('mi') },
  }),
  'mutation signUpCorporate': () => ({
    query: 'mutation ($input: SignUpCorporateInput!) { signUpCorporate(input: $input) { user { id } } }',
    variables: { input: { ...newMemberFields('mc'), companyName: '새회사', businessNumber: newBusinessNumber(), representative: '김대표' } },
  }),
  'mutation verifyEmail': () => ({ query: 'mutation { verifyEmail(token: "not-a-verification-token") }' }),
  'mutation resendVerificationEmail': () => ({ query: 'mutation { resendVerificationEmail(loginId: "nobody-here") }' }),
  'mutation updateCompanySettings': () => ({ query: 'mutation { updateCompanySettings(input: { internalApproval: true }) { id } }' }),
  'mutation generateReferralCode': () => ({ query: 'mutation { generateReferralCode { id } }' }),
  'mutation createDepartment': () => ({
    query: 'mutation ($p: ID!, $n: String!) { createDepartment(input: { name: $n, parentId: $p }) { id } }',
    variables: { p: DemoOrganization.sales, n: `팀-${randomUUID().slice(0, 8)}` },
  }),
  'mutation updateDepartment': () => ({
    query: 'mutation ($id: ID!) { updateDepartment(id: $id, input: { name: "경영지원팀" }) { id name } }',
    variables: { id: DemoOrganization.management },
  }),
  'mutation deleteDepartment': () => ({
    query: 'mutation ($id: ID!) { deleteDepartment(id: $id, includeSubDepartments: true) }',
    variables: { id: fixture.emptyDepartment },
  }),
  'mutation saveRanks': () => ({
    query: 'mutation ($names: [String!]!) { saveRanks(names: $names) { id name } }',
    variables: { names: DemoOrganization.ranks.map((rank) => rank.name) },
  }),
  'mutation registerStaff': () => ({
    query: 'mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }',
    variables: { input: { ...newMemberFields('mr'), grade: 'STAFF', departmentId: DemoOrganization.salesTeam1 } },
  }),
  'mutation updateStaff': () => ({
    query: 'mutation ($id: ID!) { updateStaff(id: $id, input: { approvalAuthority: false }) { id } }',
    variables: { id: fixture.targetStaff },
  }),
  'mutation setStaffActive': () => ({ query: 'mutation ($id: ID!) { setStaffActive(id: $id, active: true) { id } }', variables: { id: fixture.targetStaff } }),
  'mutation setStaffPassword': () => ({
    query: 'mutation ($id: ID!) { setStaffPassword(id: $id, password: "Matrix-pass-2026!") }',
    variables: { id: fixture.targetStaff },
  }),
  'mutation setStaffPermissions': () => ({
    query: 'mutation ($id: ID!, $p: StaffPermissionsInput!) { setStaffPermissions(id: $id, input: $p) { id } }',
    variables: { id: fixture.targetStaff, p: NO_PERMISSIONS },
  }),
};

const outcomeOf = (result: GraphQLResponse): Outcome => (result.errors?.length ? ((result.errors[0]!.extensions?.code ?? 'NO_CODE') as Outcome) : 'allow');

/** Tenant markers in an answer that its viewer may not see (anonymous: every tenant's; the operator sees accounts by design). */
function leakedMarkers(tenant: Tenant, role: Role, result: GraphQLResponse): string[] {
  if (role === 'operator') return [];
  const text = JSON.stringify({ data: result.data, errors: result.errors });
  const own = tenantOf[tenant][role];
  return Object.entries(markers)
    .filter(([key]) => key !== own)
    .flatMap(([, values]) => values.filter((value) => text.includes(value)));
}

const operations = publicOperations();
const observed: Record<string, Record<Tenant, Record<Role, Outcome>>> = {};
const leaks: string[] = [];
const mismatches: string[] = [];

describe('authorization matrix', () => {
  it('has a row and a call for every public operation, and none for operations that no longer exist', () => {
    const names = operations.map((op) => `${op.kind} ${op.name}`);
    expect(
      names.filter((name) => !AUTHORIZATION_MATRIX[name]),
      'operations without a row in authorization-matrix.ts',
    ).toEqual([]);
    expect(
      Object.keys(AUTHORIZATION_MATRIX).filter((name) => !names.includes(name)),
      'rows for operations not in the schema',
    ).toEqual([]);
    expect(
      names.filter((name) => !CALLS[name]),
      'operations without a call in this test',
    ).toEqual([]);
  });

  it('answers every cell as the table says, and no answer carries another tenant’s data', async () => {
    for (const op of operations) {
      const name = `${op.kind} ${op.name}`;
      const call = CALLS[name];
      if (!call) continue;
      observed[name] = { own: {} as Record<Role, Outcome>, other: {} as Record<Role, Outcome> };
      // Another company's viewers first, so the demo company's own changes (a deleted department) come last.
      for (const tenant of ['other', 'own'] as const) {
        for (const role of ROLES) {
          const { query, variables } = call(role, tenant);
          const token = role === 'anonymous' ? undefined : viewers.tokens[tenant][role];
          const result = await stack.graphql(query, variables ?? {}, token ? { token } : {});
          const outcome = outcomeOf(result);
          observed[name][tenant][role] = outcome;
          const expected = AUTHORIZATION_MATRIX[name]?.[tenant][role];
          if (outcome !== expected)
            mismatches.push(
              `${name} · ${role} · ${tenant}: expected ${expected}, got ${outcome} ${JSON.stringify(result.errors ?? result.data).slice(0, 200)}`,
            );
          const leaked = leakedMarkers(tenant, role, result);
          const refusedByTable = expected !== undefined && expected !== 'allow';
          if (leaked.length || (outcome === 'allow' && refusedByTable))
            leaks.push(`${name} · ${role} · ${tenant}: ${leaked.join(', ') || 'allowed where the table refuses'}`);
        }
      }
      // logout ends the viewers' sessions: sign everyone in again.
      if (op.name === 'logout') await loginAll();
    }
    if (process.env.MATRIX_PRINT) await writeFile('/tmp/authorization-matrix.observed.json', JSON.stringify(observed, null, 1));
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
  }, 240_000);

  it("catches another tenant's ids and names in an answer (the leak check itself works)", () => {
    const answer = (data: unknown) => ({ status: 200, data, headers: new Headers() });
    expect(leakedMarkers('other', 'totalAdmin', answer({ departments: [{ name: '영업본부' }] }))).toEqual(['영업본부']);
    expect(leakedMarkers('own', 'individual', answer({ company: { id: DemoIds.company } }))).toEqual([DemoIds.company]);
    expect(leakedMarkers('own', 'anonymous', answer({ user: { id: markers.other![0] } }))).toEqual([markers.other![0]]);
    expect(leakedMarkers('own', 'totalAdmin', answer({ departments: [{ name: '영업본부' }] }))).toEqual([]);
  });

  it('reports its counts in the README, written by this test (CI refuses a stale block)', async () => {
    const cells = Object.values(observed).reduce((sum, row) => sum + Object.values(row.own).length + Object.values(row.other).length, 0);
    const allowed = Object.values(observed).reduce(
      (sum, row) => sum + [...Object.values(row.own), ...Object.values(row.other)].filter((outcome) => outcome === 'allow').length,
      0,
    );
    expect(cells).toBe(operations.length * ROLES.length * 2);
    const block = [
      BLOCK_START,
      `Authorization matrix (\`gateway/test/authorization-matrix.ts\`): ${operations.length} public operations × ${ROLES.length} roles × 2 tenants = **${cells} cells**; ` +
        `${allowed} allowed, ${cells - allowed} refused, each as the table expects; **leaks: ${leaks.length}** (no answer carried another tenant's ids or names, and nothing the table refuses was allowed).`,
      BLOCK_END,
    ].join('\n');
    const readme = await readFile(README, 'utf8');
    const start = readme.indexOf(BLOCK_START);
    const end = readme.indexOf(BLOCK_END);
    expect(start, 'README.md needs the authorization-matrix block in its Reliability section').toBeGreaterThanOrEqual(0);
    const current = readme.slice(start, end + BLOCK_END.length);
    if (current === block) return;
    if (process.env.CI === 'true') expect(current, 'README.md reliability block is stale: run pnpm test locally and commit README.md').toBe(block);
    await writeFile(README, readme.slice(0, start) + block + readme.slice(end + BLOCK_END.length));
  });
});
