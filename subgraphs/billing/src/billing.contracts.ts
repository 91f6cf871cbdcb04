import { z } from 'zod';

/**
 * Billing's own service-to-service routes (`POST /internal/<route>`, never in the public
 * supergraph). They live here rather than in server-kit's contracts.ts; callers import them from
 * `@econtract/billing`.
 */
export const BillingRoutes = {
  /** documents → billing: a contract was completed (계약체결 완료); deduct one unit (R-BILL-4,5,7). */
  usageConsume: 'usage/consume',
} as const;

export const usageConsumeRequest = z.object({
  companyId: z.uuid(),
  /** The completed contract: the idempotency key (one unit per contract, ever). */
  contractId: z.uuid(),
  /** The contract's management number, shown in the usage history. */
  managementNumber: z.string().min(1).max(50).nullable().optional(),
});
export type UsageConsumeRequest = z.infer<typeof usageConsumeRequest>;
/**
 * `consumed: false` when this contract had consumed its unit already (a retry): same lot and usage.
 * Fails with QUOTA_EXHAUSTED when the company has no usable lot, BAD_USER_INPUT for a malformed body.
 */
export const usageConsumeResponse = z.object({ lotId: z.uuid(), usageId: z.uuid(), consumed: z.boolean() });
export type UsageConsumeResponse = z.infer<typeof usageConsumeResponse>;
