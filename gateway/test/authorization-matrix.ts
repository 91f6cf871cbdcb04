/**
 * Who may call each public operation: the expected outcome per role, when the viewer's company owns
 * the rows the arguments name ("own": the demo company's people, and the demo individual member) and
 * when it does not ("other": the same roles in another company, and another individual member). The
 * operator and anonymous callers have no company, so both columns are the same call. 'allow' is a
 * success; anything else is the error code the caller must get. A new operation needs a row here,
 * or authorization-matrix.test.ts fails.
 */
export const ROLES = ['anonymous', 'individual', 'staff', 'manager', 'totalAdmin', 'operator'] as const;
export type Role = (typeof ROLES)[number];
export type Outcome = 'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT';
export interface MatrixRow {
  own: Record<Role, Outcome>;
  other: Record<Role, Outcome>;
}

type Cells = Record<Role, Outcome>;
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const cells = (anonymous: Outcome, individual: Outcome, staff: Outcome, manager: Outcome, totalAdmin: Outcome, operator: Outcome): Cells => ({
  anonymous,
  individual,
  staff,
  manager,
  totalAdmin,
  operator,
});

/** Anyone, signed in or not. */
const PUBLIC = cells('allow', 'allow', 'allow', 'allow', 'allow', 'allow');
/** Anyone signed in, the operator included. */
const SIGNED_IN = cells(U, 'allow', 'allow', 'allow', 'allow', 'allow');
/** Members of a company or a personal workspace; the operator has none. */
const MEMBERS = cells(U, 'allow', 'allow', 'allow', 'allow', F);
/** R-BILL: the total admin, or the individual member for their own workspace. */
const BILLING = cells(U, 'allow', F, F, 'allow', F);
/** A corporate company's total admin only. */
const COMPANY_ADMIN = cells(U, F, F, F, 'allow', F);
/** R-STAFF-4: the total admin, department managers and staff (each within their scope), read-only. */
const STAFF_LIST = cells(U, F, 'allow', 'allow', 'allow', F);
/** The customer centre only. */
const OPERATOR = cells(U, F, F, F, F, 'allow');
/** Refused for everyone alike: the argument is not valid for anyone (no authorization involved). */
const INVALID_FOR_ALL = cells('BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT');

/** R-CAT-4: managing categories is the total admin's (or an individual member's, alone in their workspace). */
const CATEGORY_ADMIN = cells(U, 'allow', F, F, 'allow', F);
/** R-PERM-1 "write": the total admin, an individual member, or staff granted write (the demo staff and manager are not). */
const WRITERS = cells(U, 'allow', F, F, 'allow', F);
const NF = 'NOT_FOUND';

const same = (row: Cells): MatrixRow => ({ own: row, other: row });
const change = (row: Cells, changes: Partial<Cells>): Cells => ({ ...row, ...changes });
/** The total admin of another company names a row of the demo company: it does not exist for them. */
const ownAdminOnly = (otherAdmin: Outcome = 'NOT_FOUND'): MatrixRow => ({ own: COMPANY_ADMIN, other: change(COMPANY_ADMIN, { totalAdmin: otherAdmin }) });

/** A category or template of the demo company: every member of it sees it; anyone else is told it does not exist. */
const COMPANY_ROW: MatrixRow = { own: cells(U, NF, 'allow', 'allow', 'allow', F), other: cells(U, NF, NF, NF, NF, F) };
/** Changing a category or template of the demo company: refused by grade or permission first, then not found outside it. */
const COMPANY_ROW_CHANGE: MatrixRow = { own: cells(U, NF, F, F, 'allow', F), other: cells(U, NF, F, F, NF, F) };
/**
 * R-STAFF-4: a contract the demo admin wrote (the admin has no department) is seen only by the total
 * admin; staff and managers see their own and their departments' contracts, so for them it does not exist.
 */
const ADMINS_CONTRACT: MatrixRow = { own: cells(U, NF, NF, NF, 'allow', F), other: cells(U, NF, NF, NF, NF, F) };
/** R-STAFF-3: only the chosen approver (the demo manager) decides; the total admin sees it but may not decide it. */
const APPROVERS_DECISION: MatrixRow = { own: cells(U, NF, NF, 'allow', F, F), other: ADMINS_CONTRACT.other };

export const AUTHORIZATION_MATRIX: Record<string, MatrixRow> = {
  'query billingAccount': same(BILLING),
  'query prepaidLots': same(BILLING),
  'query payments': same(BILLING),
  'query plans': same(PUBLIC),
  'query documentCategories': same(MEMBERS),
  'query documentCategory': COMPANY_ROW,
  'query contracts': same(MEMBERS),
  'query contract': ADMINS_CONTRACT,
  'query contractTemplates': same(MEMBERS),
  'query contractTemplate': COMPANY_ROW,
  // null for anonymous callers.
  'query viewer': same(PUBLIC),
  'query lockedAccounts': same(OPERATOR),
  'query loginAttempts': same(OPERATOR),
  'query loginIdAvailable': same(PUBLIC),
  'query businessNumberCheck': same(PUBLIC),
  'query auditLog': same(COMPANY_ADMIN),
  // An individual member's company is their personal workspace.
  'query company': same(MEMBERS),
  'query departments': same(MEMBERS),
  'query ranks': same(MEMBERS),
  'query staffMembers': same(STAFF_LIST),
  'query approvers': same(MEMBERS),

  // The other company and the other individual hold a usable signup event plan, which refuses the free pass (R-BILL-2).
  'mutation claimFreePass': { own: BILLING, other: change(BILLING, { individual: 'BAD_USER_INPUT', totalAdmin: 'BAD_USER_INPUT' }) },
  'mutation preparePayment': same(BILLING),
  // A contract PDF: any member; a seal image is the total admin's (R-SEAL-1).
  'mutation prepareUpload': same(MEMBERS),
  // The order is the demo company's: nobody else's to confirm.
  'mutation confirmPayment': {
    own: change(BILLING, { individual: 'NOT_FOUND' }),
    other: change(BILLING, { individual: 'NOT_FOUND', totalAdmin: 'NOT_FOUND' }),
  },
  'mutation createDocumentCategory': same(CATEGORY_ADMIN),
  'mutation updateDocumentCategory': COMPANY_ROW_CHANGE,
  'mutation deleteDocumentCategories': COMPANY_ROW_CHANGE,
  'mutation createContract': same(WRITERS),
  // R-PERM-1 "write" first; then the template named is the demo company's, which nobody else has.
  'mutation createContractsInBulk': COMPANY_ROW_CHANGE,
  'mutation updateContract': ADMINS_CONTRACT,
  'mutation setContractCategory': ADMINS_CONTRACT,
  // Its chosen approver (the demo manager) sees it, but asking for approval is the author's edit.
  'mutation requestApproval': { own: change(ADMINS_CONTRACT.own, { manager: F }), other: ADMINS_CONTRACT.other },
  'mutation approveContract': APPROVERS_DECISION,
  'mutation rejectContract': APPROVERS_DECISION,
  'mutation sendContract': ADMINS_CONTRACT,
  'mutation completeContract': ADMINS_CONTRACT,
  'mutation cancelContract': ADMINS_CONTRACT,
  'mutation discardContract': ADMINS_CONTRACT,
  'mutation deleteContract': ADMINS_CONTRACT,
  'mutation createContractTemplate': same(WRITERS),
  'mutation updateContractTemplate': COMPANY_ROW_CHANGE,
  'mutation deleteContractTemplate': COMPANY_ROW_CHANGE,
  'mutation unlockAccount': same(OPERATOR),
  'mutation confirmPassword': same(SIGNED_IN),
  'mutation startPhoneVerification': same(SIGNED_IN),
  // A wrong code, an unknown id and someone else's verification get the same answer.
  'mutation confirmPhoneVerification': same(change(INVALID_FOR_ALL, { anonymous: U })),
  // Without a valid step-up (confirmPassword) nobody edits a profile.
  'mutation updateProfile': same(cells(U, F, F, F, F, F)),
  'mutation findLoginId': same(PUBLIC),
  'mutation requestPasswordReset': same(PUBLIC),
  'mutation resetPassword': same(INVALID_FOR_ALL),
  'mutation login': same(PUBLIC),
  'mutation refreshSession': same(cells(U, U, U, U, U, U)),
  'mutation logout': same(SIGNED_IN),
  'mutation signUpIndividual': same(PUBLIC),
  'mutation signUpCorporate': same(PUBLIC),
  'mutation verifyEmail': same(INVALID_FOR_ALL),
  'mutation resendVerificationEmail': same(PUBLIC),
  'mutation updateCompanySettings': same(COMPANY_ADMIN),
  'mutation generateReferralCode': same(COMPANY_ADMIN),
  'mutation createDepartment': ownAdminOnly(),
  'mutation updateDepartment': ownAdminOnly(),
  'mutation deleteDepartment': ownAdminOnly(),
  'mutation saveRanks': same(COMPANY_ADMIN),
  // The department named is the demo company's: another company's admin is told it is not theirs.
  'mutation registerStaff': ownAdminOnly('BAD_USER_INPUT'),
  'mutation updateStaff': ownAdminOnly(),
  'mutation setStaffActive': ownAdminOnly(),
  'mutation setStaffPassword': ownAdminOnly(),
  'mutation setStaffPermissions': ownAdminOnly(),
};
