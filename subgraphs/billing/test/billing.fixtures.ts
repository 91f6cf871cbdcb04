import { randomUUID } from 'node:crypto';
import type { RouteInputs } from '@econtract/server-kit';
import { ViewerDocument } from '@econtract/sdk';
import { type Stack, verifiedMember } from '@econtract/testkit';
import type { BillingRoutes } from '../src/billing.routes.ts';

const DAY = 86_400_000;

/** A new, verified individual member signed in: their token and their personal workspace's id. */
export async function freshMember(stack: Stack, prefix = 'billing') {
  const member = await verifiedMember(stack, prefix);
  const token = await stack.login(member.loginId, member.password);
  const { viewer } = (await stack.graphql(ViewerDocument, {}, { token })).data;
  if (!viewer?.company) throw new Error(`${member.loginId} has no workspace`);
  return { token, companyId: viewer.company.id };
}

/** The items of a connection's page. */
export const nodes = <T = any>(connection: { edges: Array<{ node: T }> }): T[] => connection.edges.map((edge) => edge.node);

/** Calls `usage.consume` as documents will when a contract is completed. */
export const consume = (stack: Stack, input: RouteInputs<BillingRoutes>['usage']['consume']) =>
  stack.internal<BillingRoutes>('billing', { caller: 'documents', timeoutMs: 60_000 }).usage.consume.mutate(input);

export interface LotFixture {
  planCode?: string;
  kind?: 'PAID' | 'FREE_PASS' | 'EVENT';
  charged?: number;
  used?: number;
  /** Days from now (negative: in the past). */
  purchasedDaysAgo?: number;
  expiresInDays?: number;
}

/** Arranges a lot directly in billing's table. */
export async function insertLot(stack: Stack, companyId: string, lot: LotFixture = {}): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  const kind = lot.kind ?? 'PAID';
  const planCode = lot.planCode ?? (kind === 'PAID' ? 'SOHO' : kind === 'EVENT' ? 'SIGNUP_EVENT' : 'FREE_PASS');
  await stack.sql(
    `insert into billing.prepaid_lot (id, company_id, plan_code, kind, charged_count, used_count, purchased_at, expires_at)
     values (?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)`,
    [
      id,
      companyId,
      planCode,
      kind,
      lot.charged ?? 30,
      lot.used ?? 0,
      new Date(now - (lot.purchasedDaysAgo ?? 1) * DAY).toISOString(),
      new Date(now + (lot.expiresInDays ?? 30) * DAY).toISOString(),
    ],
  );
  return id;
}

export const lotCounts = async (stack: Stack, lotId: string) => {
  const [row] = await stack.sql<{ used_count: number; charged_count: number; usages: number }>(
    `select l.used_count, l.charged_count, (select count(*)::int from billing.usage u where u.lot_id = l.id) as usages from billing.prepaid_lot l where l.id = ?`,
    [lotId],
  );
  return row!;
};
