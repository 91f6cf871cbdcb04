import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { consumeUsage } from './usage.consume.ts';

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
  consume: internalProcedure.input(usageConsumeInput).mutation(({ input, ctx }) => consumeUsage(input, ctx)),
});
