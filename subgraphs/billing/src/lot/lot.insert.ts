import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@econtract/server-kit';
import type { Plan } from '../plan/plan.entity.ts';
import { lotExpiresAt } from './lot-expiry.ts';

/**
 * The one way a lot comes to be (grant, free pass, payment): kind, count and expiry follow the plan.
 * Returns the new id, or null when `grantKey` was granted already (the caller reads that lot).
 */
export async function insertLot(
  tx: EntityManager,
  lot: { companyId: string; plan: Plan; purchasedAt: Date; grantKey?: string; paymentId?: string },
): Promise<string | null> {
  // Raw for `on conflict`: concurrent grants of one key wait for the first to commit, and then insert nothing.
  const [row] = await tx.execute<Array<{ id: string }>>(
    `insert into "billing"."prepaid_lot" ("id", "company_id", "plan_code", "kind", "charged_count", "purchased_at", "expires_at", "grant_key", "payment_id")
     values (?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?)
     on conflict ("grant_key") do nothing
     returning "id"`,
    [
      randomUUID(),
      lot.companyId,
      lot.plan.code,
      lot.plan.kind,
      lot.plan.contractCount,
      lot.purchasedAt.toISOString(),
      lotExpiresAt(lot.purchasedAt, lot.plan.validityMonths).toISOString(),
      lot.grantKey ?? null,
      lot.paymentId ?? null,
    ],
  );
  return row?.id ?? null;
}
