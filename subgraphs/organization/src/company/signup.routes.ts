import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { businessNumberRegistered, referralResolve, signupCompany, signupCompanyCancel } from './company.signup.ts';

const businessNumber = z.string().regex(/^\d{10}$/);

export const signupCompanyInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('CORPORATE'),
    /** The total admin's new account; also the idempotency key. */
    accountId: z.uuid(),
    name: z.string().min(1).max(100),
    businessNumber,
    representative: z.string().min(1).max(50),
  }),
  z.object({
    kind: z.literal('PERSONAL'),
    accountId: z.uuid(),
    /** The individual member's name, used as the workspace name. */
    name: z.string().min(1).max(100),
  }),
]);
export type SignupCompanyRequest = z.infer<typeof signupCompanyInput>;

/**
 * Identity's signup (R-SIGNUP-1,2,4). Every step that creates something is idempotent by the
 * account id it carries, so a retried signup never creates twice.
 */
export const signupRoutes = internalRouter({
  /** Is this business registration number taken (exact digits)? */
  businessNumberRegistered: internalProcedure.input(z.object({ businessNumber })).query(({ input, ctx }) => businessNumberRegistered(input, ctx)),
  /** The signing-up member's company (CORPORATE) or personal workspace (PERSONAL) and profile; CONFLICT for a taken business number. */
  createCompany: internalProcedure.input(signupCompanyInput).mutation(({ input, ctx }) => signupCompany(input, ctx)),
  /** Undoes `createCompany` for an account whose signup failed later. */
  cancelCompany: internalProcedure.input(z.object({ accountId: z.uuid() })).mutation(({ input, ctx }) => signupCompanyCancel(input, ctx)),
  /** The corporate company a referral code belongs to, or null. */
  resolveReferral: internalProcedure.input(z.object({ code: z.string().min(1).max(32) })).query(({ input, ctx }) => referralResolve(input, ctx)),
});
