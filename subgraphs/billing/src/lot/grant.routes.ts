import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { grantCancel, grantEvent } from './lot.grants.ts';

/** Unique per grant, e.g. `signup:<companyId>` or `referral:<newCompanyId>:referrer`. */
const grantKey = z.string().min(1).max(200);
export const grantEventInput = z.object({ companyId: z.uuid(), planCode: z.enum(['SIGNUP_EVENT', 'REFERRAL_EVENT']), grantKey });

/** Identity's signup (R-BILL-3, R-SIGNUP-1,4): event plans granted once per grant key. */
export const grantRoutes = internalRouter({
  /** Grants an event plan (signup or referral) to a company; a retry gets the same lot with `created: false`. */
  event: internalProcedure.input(grantEventInput).mutation(({ input, ctx }) => grantEvent(input, ctx)),
  /** Undoes a grant of a signup that failed later (only while the lot is unused; a used one is CONFLICT). */
  cancel: internalProcedure.input(z.object({ grantKey })).mutation(({ input, ctx }) => grantCancel(input, ctx)),
});
