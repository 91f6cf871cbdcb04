import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode, useStack, type GraphQLResponse } from '@econtract/testkit';
import { BillingRateLimits } from '../src/billing.limits.ts';
import { consume, freshMember } from './billing.fixtures.ts';

const stack = useStack();
const CONFIRM = 'mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id } }';
const confirm = (token: string, ip?: string) =>
  stack.graphql(
    CONFIRM,
    { input: { orderId: `order_${randomUUID().replaceAll('-', '')}`, paymentKey: 'test_approve_x', amountKrw: 99_000 } },
    { token, headers: ip ? { 'x-forwarded-for': ip } : {} },
  );
const count = (results: GraphQLResponse[], code: string) => results.filter((result) => errorCode(result) === code).length;

/** Fixed windows start on the clock: wait for the next one when this one ends within `seconds`. */
async function roomInWindow(windowSeconds: number, seconds: number) {
  const left = windowSeconds - ((Date.now() / 1000) % windowSeconds);
  if (left < seconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 250));
}

describe('payment confirmation limits (issue #12)', { timeout: 90_000 }, () => {
  it('takes 30 confirmations an hour per company, exact when 40 race', async () => {
    await roomInWindow(3600, 30);
    const { token } = await freshMember(stack, 'confirms');
    // Unknown orders: refused, but each one counts, as a card tester's would.
    const results = await Promise.all(Array.from({ length: 40 }, () => confirm(token)));
    expect(count(results, 'NOT_FOUND')).toBe(BillingRateLimits.paymentConfirmPerCompany.limit);
    expect(count(results, 'RATE_LIMITED')).toBe(10);
    const refused = results.find((result) => errorCode(result) === 'RATE_LIMITED')!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('takes 30 confirmations an hour per IP, across companies', async () => {
    await roomInWindow(3600, 30);
    const [a, b] = [await freshMember(stack, 'ip-a'), await freshMember(stack, 'ip-b')];
    const ip = '192.0.2.200';
    const results = await Promise.all(Array.from({ length: 32 }, (_, i) => confirm(i % 2 ? a.token : b.token, ip)));
    expect(count(results, 'NOT_FOUND')).toBe(BillingRateLimits.paymentConfirmPerIp.limit);
    expect(count(results, 'RATE_LIMITED')).toBe(2);
  });
});

describe('list cursors (issue #12)', () => {
  it('refuses an unknown or foreign `after` with BAD_USER_INPUT instead of an empty page', async () => {
    const mine = await freshMember(stack, 'cursor');
    const other = await freshMember(stack, 'cursor2');
    const usages = [];
    for (let i = 0; i < 3; i++)
      usages.push(await consume(stack, { companyId: mine.companyId, contractId: randomUUID(), managementNumber: `2026-12-${String(i + 1).padStart(5, '0')}` }));
    const foreign = await consume(stack, { companyId: other.companyId, contractId: randomUUID(), managementNumber: '2026-12-00099' });
    const PAGE = 'query ($after: String) { prepaidLots(first: 1) { edges { node { usages(first: 5, after: $after) { edges { cursor node { id } } } } } } }';
    const usagesOf = (result: GraphQLResponse) => result.data.prepaidLots.edges[0].node.usages.edges as Array<{ cursor: string; node: { id: string } }>;

    const all = usagesOf(await stack.graphql(PAGE, { after: null }, { token: mine.token }));
    expect(all.map((edge) => edge.node.id)).toEqual(usages.map((usage) => usage!.usageId));
    const next = await stack.graphql(PAGE, { after: all[0]!.cursor }, { token: mine.token });
    expect(usagesOf(next).map((edge) => edge.node.id)).toEqual([usages[1]!.usageId, usages[2]!.usageId]);
    const foreignCursor = usagesOf(await stack.graphql(PAGE, { after: null }, { token: other.token }))[0]!.cursor;
    expect(usagesOf(await stack.graphql(PAGE, { after: null }, { token: other.token }))[0]!.node.id).toBe(foreign.usageId);
    for (const after of [randomUUID(), 'not-a-cursor', foreignCursor]) {
      const refused = await stack.graphql(PAGE, { after }, { token: mine.token });
      expect(refused.errors?.[0]?.extensions, after).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});
