import { z } from 'zod';
import { badUserInput } from './errors.ts';

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
} as const;

/** A route's body as its contract defines it, or BAD_USER_INPUT naming what is wrong. */
export function parseContract<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw badUserInput(`Invalid request: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ')}`);
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
