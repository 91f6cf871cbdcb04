import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { consumeUsage, usableUnits } from './usage.consume.ts';

export const usageConsumeInput = z.object({
  companyId: z.uuid(),
  /** The completed contract: the idempotency key (one unit per contract, ever). */
  contractId: z.uuid(),
  /** The contract's management number, shown in the usage history. */
  managementNumber: z.string().min(1).max(50).nullable().optional(),
});
export type UsageConsumeRequest = z.infer<typeof usageConsumeInput>;

export const usageRoutes = internalRouter({
  /**
   * Documents, when a contract is completed (계약체결 완료): deducts one unit (R-BILL-4,5,7).
   * `consumed: false` when this contract had consumed its unit already (a retry): same lot and usage.
   * QUOTA_EXHAUSTED when the company has no usable lot.
   */
  /** Documents, before a contract is sent: how many units the company can still use (0: QUOTA_EXHAUSTED). */
  balance: internalProcedure
    .input(z.object({ companyId: z.uuid() }))
    .query(async ({ input, ctx }) => ({ usableUnits: await usableUnits(input.companyId, ctx) })),
  consume: internalProcedure.input(usageConsumeInput).mutation(({ input, ctx }) => consumeUsage(input, ctx)),
});
