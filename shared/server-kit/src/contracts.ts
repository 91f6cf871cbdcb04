import { z } from 'zod';
import { badUserInput, msg } from './errors.ts';

/**
 * Service-to-service routes (`POST /internal/<route>`, never in the public supergraph): their names
 * and payloads, shared by caller and receiver. Every step that creates something is idempotent by
 * the key it carries, so a retried signup never creates twice.
 */
export const InternalRoutes = {
  /** identity, organization → the viewer's standing (used by the gateway). */
  standing: 'standing',
  /** organization: is this business number taken? */
  businessNumberRegistered: 'business-number/registered',
  /** organization: create the signing-up member's company or personal workspace and profile. */
  signupCompany: 'signup/company',
  /** organization: undo `signupCompany` for an account whose signup failed later. */
  signupCompanyCancel: 'signup/company/cancel',
  /** organization: the company a referral code belongs to. */
  referralResolve: 'referral/resolve',
  /** billing: grant an event plan (signup or referral) to a company. */
  grantEvent: 'grants/event',
  /** billing: undo a grant of a signup that failed later (only while the lot is unused). */
  grantCancel: 'grants/cancel',
  /** identity: create a staff member's login account (R-STAFF-1,2); sends the verification mail. */
  staffAccountCreate: 'accounts/staff/create',
  /** identity: undo `staffAccountCreate` when registering the staff profile failed. */
  staffAccountCancel: 'accounts/staff/cancel',
  /** identity: change a staff account's name, email (re-verified) or phone. */
  staffAccountUpdate: 'accounts/staff/update',
  /** identity: the total admin sets a staff member's password (R-STAFF-5); ends their sign-ins. */
  staffAccountSetPassword: 'accounts/staff/password',
  /** identity: end every sign-in of an account (suspension, permission changes that must bite now). */
  sessionsRevokeAll: 'sessions/revoke-all',
  /** identity: accounts by id, for showing staff lists (login ID, name, email, phone, verified). */
  accountsLookup: 'accounts/lookup',
  /** organization: companies' names and business numbers (e.g. the buyer on a receipt). */
  companiesLookup: 'companies/lookup',
  /** billing: the PDF receipt of a company's approved payment (served by the gateway at receiptUrl). */
  receiptRender: 'receipts/render',
} as const;

/** A route's body as its contract defines it, or BAD_USER_INPUT naming what is wrong. */
export function parseContract<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
    throw badUserInput(msg(`Invalid request: ${issues}`, `요청 내용이 올바르지 않습니다: ${issues}`));
  }
  return result.data;
}

export const businessNumberRegisteredRequest = z.object({ businessNumber: z.string().regex(/^\d{10}$/) });
export const businessNumberRegisteredResponse = z.object({ registered: z.boolean() });

export const signupCompanyRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('CORPORATE'),
    /** The total admin's new account; also the idempotency key. */
    accountId: z.uuid(),
    name: z.string().min(1).max(100),
    businessNumber: z.string().regex(/^\d{10}$/),
    representative: z.string().min(1).max(50),
  }),
  z.object({
    kind: z.literal('PERSONAL'),
    accountId: z.uuid(),
    /** The individual member's name, used as the workspace name. */
    name: z.string().min(1).max(100),
  }),
]);
export type SignupCompanyRequest = z.infer<typeof signupCompanyRequest>;
/** Fails with CONFLICT when the business number is registered already. */
export const signupCompanyResponse = z.object({ companyId: z.uuid(), created: z.boolean() });

export const signupCompanyCancelRequest = z.object({ accountId: z.uuid() });
export const signupCompanyCancelResponse = z.object({ cancelled: z.boolean() });

export const referralResolveRequest = z.object({ code: z.string().min(1).max(32) });
export const referralResolveResponse = z.object({ companyId: z.uuid() }).nullable();

export const grantEventRequest = z.object({
  companyId: z.uuid(),
  planCode: z.enum(['SIGNUP_EVENT', 'REFERRAL_EVENT']),
  /** Unique per grant, e.g. `signup:<companyId>` or `referral:<newCompanyId>:referrer`. */
  grantKey: z.string().min(1).max(200),
});
export type GrantEventRequest = z.infer<typeof grantEventRequest>;
export const grantEventResponse = z.object({ lotId: z.uuid(), created: z.boolean() });

export const grantCancelRequest = z.object({ grantKey: z.string().min(1).max(200) });
export const grantCancelResponse = z.object({ cancelled: z.boolean() });

export const staffAccountCreateRequest = z.object({
  /** Chosen by organization before the call: the idempotency key and the staff profile's id. */
  accountId: z.uuid(),
  companyId: z.uuid(),
  loginId: z.string(),
  /** Initial password set by the total admin; validated like any password. */
  password: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
});
export type StaffAccountCreateRequest = z.infer<typeof staffAccountCreateRequest>;
/** Fails with BAD_USER_INPUT (login ID rules, password policy, email, phone) or CONFLICT (login ID taken). */
export const staffAccountCreateResponse = z.object({ accountId: z.uuid(), created: z.boolean() });

export const staffAccountCancelRequest = z.object({ accountId: z.uuid() });
export const staffAccountCancelResponse = z.object({ cancelled: z.boolean() });

export const staffAccountUpdateRequest = z.object({
  accountId: z.uuid(),
  companyId: z.uuid(),
  name: z.string().optional(),
  /** A changed address must be verified again before the next sign-in. */
  email: z.string().optional(),
  phone: z.string().nullable().optional(),
});
export const staffAccountUpdateResponse = z.object({ updated: z.boolean() });

export const staffAccountSetPasswordRequest = z.object({ accountId: z.uuid(), companyId: z.uuid(), password: z.string() });
export const staffAccountSetPasswordResponse = z.object({ updated: z.boolean() });

export const sessionsRevokeAllRequest = z.object({ accountId: z.uuid(), reason: z.string().min(1).max(50) });
export const sessionsRevokeAllResponse = z.object({ revoked: z.number().int() });

export const accountsLookupRequest = z.object({ accountIds: z.array(z.uuid()).max(1000) });
export const accountSummary = z.object({
  id: z.uuid(),
  loginId: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  emailVerified: z.boolean(),
  companyId: z.uuid().nullable(),
});
export type AccountSummary = z.infer<typeof accountSummary>;
export const accountsLookupResponse = z.array(accountSummary);

export const companiesLookupRequest = z.object({ companyIds: z.array(z.uuid()).max(1000) });
export const companySummary = z.object({ id: z.uuid(), name: z.string(), businessNumber: z.string().nullable() });
export const companiesLookupResponse = z.array(companySummary);

export const receiptRenderRequest = z.object({ paymentId: z.uuid(), companyId: z.uuid() });
/** NOT_FOUND unless the payment is that company's and approved. */
export const receiptRenderResponse = z.object({ fileName: z.string(), contentType: z.literal('application/pdf'), contentBase64: z.string() });

/** Purpose of the signed link behind `Payment.receiptUrl`; the gateway verifies it. */
export const RECEIPT_LINK_PURPOSE = 'receipt';
export const RECEIPT_LINK_TTL_SECONDS = 15 * 60;
