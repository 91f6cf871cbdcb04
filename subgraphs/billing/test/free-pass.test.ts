import { describe, expect, it } from 'vitest';
import { useStack } from '@econtract/testkit';
import { lotExpiresAt } from '../src/lot/lot-expiry.ts';
import { freshMember, insertLot } from './billing.fixtures.ts';

const stack = useStack();
const CLAIM = 'mutation { claimFreePass { id kind chargedCount remainingCount status purchasedAt expiresAt plan { code } } }';

const freePassLots = (companyId: string) =>
  stack.sql(`select * from billing.prepaid_lot where company_id = ? and kind = 'FREE_PASS' order by purchased_at`, [companyId]);

describe('free pass (R-BILL-2)', () => {
  it('is refused while the signup event plan is usable, and granted once it is used up', async () => {
    const { token, companyId } = await freshMember(stack, 'freepass');
    const refused = await stack.graphql(CLAIM, {}, { token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EVENT_PLAN_IN_USE' });
    expect(refused.errors?.[0]?.message).toMatch(/event plan is in use/);
    expect(await freePassLots(companyId)).toEqual([]);

    await stack.sql(`update billing.prepaid_lot set used_count = charged_count where company_id = ? and kind = 'EVENT'`, [companyId]);
    const claimed = await stack.graphql(CLAIM, {}, { token });
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data.claimFreePass).toMatchObject({ kind: 'FREE_PASS', chargedCount: 5, remainingCount: 5, status: 'ACTIVE', plan: { code: 'FREE_PASS' } });
    const { purchasedAt, expiresAt } = claimed.data.claimFreePass;
    expect(expiresAt).toBe(lotExpiresAt(new Date(purchasedAt), 1).toISOString());
    expect((await stack.graphql('{ billingAccount { tier remainingCount } }', {}, { token })).data.billingAccount).toEqual({
      tier: 'EVENT',
      remainingCount: 5,
    });
  });

  it('is refused again within a month of the last claim, and granted after it', async () => {
    const { token, companyId } = await freshMember(stack, 'freepass');
    await stack.sql(`update billing.prepaid_lot set used_count = charged_count where company_id = ?`, [companyId]);
    expect((await stack.graphql(CLAIM, {}, { token })).errors).toBeUndefined();

    const again = await stack.graphql(CLAIM, {}, { token });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FREE_PASS_CLAIMED_THIS_MONTH' });
    expect(again.errors?.[0]?.message).toMatch(/once a month.*next one can be claimed from \d{4}-\d{2}-\d{2}/);
    expect(await freePassLots(companyId)).toHaveLength(1);

    // The previous claim was 40 days ago (a month and more): a new one is granted.
    await stack.sql(
      `update billing.prepaid_lot set purchased_at = purchased_at - interval '40 days', expires_at = expires_at - interval '40 days' where company_id = ? and kind = 'FREE_PASS'`,
      [companyId],
    );
    expect((await stack.graphql(CLAIM, {}, { token })).errors).toBeUndefined();
    expect(await freePassLots(companyId)).toHaveLength(2);
  });

  it('is not refused by an event plan that is expired', async () => {
    const { token, companyId } = await freshMember(stack, 'freepass');
    await stack.sql(
      `update billing.prepaid_lot set purchased_at = now() - interval '100 days', expires_at = now() - interval '1 second' where company_id = ? and kind = 'EVENT'`,
      [companyId],
    );
    await insertLot(stack, companyId, { kind: 'PAID', charged: 30 });
    expect((await stack.graphql(CLAIM, {}, { token })).errors).toBeUndefined();
  });

  it('grants exactly one free pass for 10 simultaneous claims', async () => {
    const { token, companyId } = await freshMember(stack, 'freepass');
    await stack.sql(`update billing.prepaid_lot set used_count = charged_count where company_id = ?`, [companyId]);
    const results = await Promise.all(Array.from({ length: 10 }, () => stack.graphql(CLAIM, {}, { token })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT')).toHaveLength(9);
    expect(await freePassLots(companyId)).toHaveLength(1);
  });

  it('records claims and refusals in the audit trail', async () => {
    const { token, companyId } = await freshMember(stack, 'freepass');
    await stack.graphql(CLAIM, {}, { token });
    await stack.sql(`update billing.prepaid_lot set used_count = charged_count where company_id = ?`, [companyId]);
    await stack.graphql(CLAIM, {}, { token });
    const events = await stack.sql(`select action, details from billing.audit_event where company_id = ? order by occurred_at`, [companyId]);
    expect(events.map((event) => event.action)).toEqual(['EVENT_GRANTED', 'FREE_PASS_REFUSED', 'FREE_PASS_CLAIMED']);
    expect(events[1].details).toMatchObject({ reason: 'EVENT_PLAN_IN_USE' });
  });
});
