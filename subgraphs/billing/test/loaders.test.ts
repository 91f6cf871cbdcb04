import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { consume, insertLot, nodes } from './billing.fixtures.ts';

const stack = useStack();
// Each lot holds at most 10 units, so usages(first: 10) lists them all and the query stays under the gateway's cost limit.
const HISTORY =
  '{ prepaidLots(first: 20) { edges { node { id plan { name } usages(first: 10) { edges { node { contractId } } } } } } billingAccount { tier remainingCount } }';

describe('lots, usages and plans load in batches', () => {
  it('sends as many billing SQL statements for 2 lots as for 20 lots with many usages', async () => {
    // The individual's workspace: 2 lots with a usage each; the demo company: 20 lots, 150 usages.
    for (let i = 0; i < 2; i++) await insertLot(stack, DemoIds.personalWorkspace, { charged: 5, purchasedDaysAgo: 10 - i });
    for (let i = 0; i < 2; i++) await consume(stack, { companyId: DemoIds.personalWorkspace, contractId: randomUUID() });
    for (let i = 0; i < 20; i++) await insertLot(stack, DemoIds.company, { planCode: i % 2 ? 'SOHO' : 'BUSINESS', charged: 10, purchasedDaysAgo: 30 - i });
    await Promise.all(Array.from({ length: 150 }, () => consume(stack, { companyId: DemoIds.company, contractId: randomUUID() })));

    const small = await stack.login('demo-individual');
    const large = await stack.login('demo-admin');
    let smallResult: any;
    let largeResult: any;
    const smallCount = await stack.countSql(async () => (smallResult = await stack.graphql(HISTORY, {}, { token: small })));
    const largeCount = await stack.countSql(async () => (largeResult = await stack.graphql(HISTORY, {}, { token: large })));

    expect(smallResult.errors).toBeUndefined();
    expect(largeResult.errors).toBeUndefined();
    expect(nodes(smallResult.data.prepaidLots)).toHaveLength(2);
    expect(nodes(largeResult.data.prepaidLots)).toHaveLength(20);
    expect(nodes(largeResult.data.prepaidLots).reduce((sum: number, lot: { usages: { edges: unknown[] } }) => sum + lot.usages.edges.length, 0)).toBe(150);
    expect(largeResult.data.billingAccount).toEqual({ tier: 'PAID', remainingCount: 50 });
    expect(largeCount.billing).toBe(smallCount.billing);
    expect(largeCount.billing).toBeLessThanOrEqual(3); // lots, plans, usages
  });
});
