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

const same = (row: Cells): MatrixRow => ({ own: row, other: row });
const change = (row: Cells, changes: Partial<Cells>): Cells => ({ ...row, ...changes });
/** The total admin of another company names a row of the demo company: it does not exist for them. */
const ownAdminOnly = (otherAdmin: Outcome = 'NOT_FOUND'): MatrixRow => ({ own: COMPANY_ADMIN, other: change(COMPANY_ADMIN, { totalAdmin: otherAdmin }) });

export const AUTHORIZATION_MATRIX: Record<string, MatrixRow> = {
  'query billingAccount': same(BILLING),
  'query prepaidLots': same(BILLING),
  'query payments': same(BILLING),
  'query plans': same(PUBLIC),
  'query documentCategories': same(MEMBERS),
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
  'mutation confirmPayment': { own: change(BILLING, { individual: 'NOT_FOUND' }), other: change(BILLING, { individual: 'NOT_FOUND', totalAdmin: 'NOT_FOUND' }) },
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
