import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { internalClient, type RouteInputs } from '@econtract/server-kit';
import { malformed, rejectionCode, useStack } from '@econtract/testkit';
import type { BillingRoutes } from '../src/billing.routes.ts';
import { lotExpiresAt } from '../src/lot/lot-expiry.ts';
import { seedPlanCatalogue } from '../src/seed.ts';

const stack = useStack();

type Grant = { lotId: string; created: boolean };

/** Calls billing as identity's signup will: over HTTP, with an internal token. */
const billing = () => stack.internal<BillingRoutes>('billing', { caller: 'identity' });
const grant = (input: RouteInputs<BillingRoutes>['grant']['event']): Promise<Grant> => billing().grant.event.mutate(input);
const cancel = (input: RouteInputs<BillingRoutes>['grant']['cancel']) => billing().grant.cancel.mutate(input);

const sql = <T = Record<string, any>>(query: string, params: unknown[] = []) =>
  stack.subgraphs.billing.createContext().em.getConnection().execute<T[]>(query, params);
const lotsWithKey = async (grantKey: string) => Number((await sql(`select count(*)::int as n from billing.prepaid_lot where grant_key = ?`, [grantKey]))[0]!.n);

const signupGrant = () => {
  const companyId = randomUUID();
  return { companyId, planCode: 'SIGNUP_EVENT' as const, grantKey: `signup:${companyId}` };
};

describe('event grants (billing internal routes, R-BILL-3)', () => {
  it("grants a lot with the plan's contract count, expiring at 00:00 KST after its last usable day", async () => {
    const body = signupGrant();
    const before = Date.now();
    const result = await grant(body);
    const after = Date.now();
    expect(result.created).toBe(true);
    expect(result.lotId).toMatch(/^[0-9a-f-]{36}$/);

    const [plan] = await sql(`select contract_count, validity_months from billing.plan where code = 'SIGNUP_EVENT'`);
    const [lot] = await sql(`select * from billing.prepaid_lot where id = ?`, [result.lotId]);
    expect(lot).toMatchObject({
      company_id: body.companyId,
      plan_code: 'SIGNUP_EVENT',
      kind: 'EVENT',
      charged_count: plan!.contract_count,
      used_count: 0,
      grant_key: body.grantKey,
    });
    expect(lot!.charged_count).toBe(10);
    const purchasedAt = new Date(lot!.purchased_at);
    expect(purchasedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(purchasedAt.getTime()).toBeLessThanOrEqual(after);
    expect(new Date(lot!.expires_at).toISOString()).toBe(lotExpiresAt(purchasedAt, plan!.validity_months).toISOString());
    // Always Seoul midnight, i.e. 15:00 UTC.
    expect(new Date(lot!.expires_at).toISOString()).toMatch(/T15:00:00\.000Z$/);
  });

  it('answers a retry with the same lot and created: false', async () => {
    const body = signupGrant();
    const first = await grant(body);
    const retry = await grant(body);
    expect(first.created).toBe(true);
    expect(retry).toEqual({ lotId: first.lotId, created: false });
    expect(await lotsWithKey(body.grantKey)).toBe(1);
  });

  it('creates exactly one lot for 20 simultaneous calls with one grant key', async () => {
    const body = signupGrant();
    const results = await Promise.all(Array.from({ length: 20 }, () => grant(body)));
    expect(new Set(results.map((result) => result.lotId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await lotsWithKey(body.grantKey)).toBe(1);
  });

  it('makes calls that arrive while the first grant is uncommitted wait for it and return its lot', async () => {
    const body = signupGrant();
    const lotId = randomUUID();
    let calls: Promise<Grant[]> | undefined;
    let settled = false;
    await stack.subgraphs.billing.createContext().em.transactional(async (tx) => {
      await tx.execute(
        `insert into billing.prepaid_lot (id, company_id, plan_code, kind, charged_count, purchased_at, expires_at, grant_key)
         values (?, ?, 'SIGNUP_EVENT', 'EVENT', 10, now(), now() + interval '3 months', ?)`,
        [lotId, body.companyId, body.grantKey],
      );
      calls = Promise.all(Array.from({ length: 20 }, () => grant(body)));
      void calls.finally(() => (settled = true)).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The routes' inserts are blocked on the uncommitted key, so their statements began before it existed.
      expect(settled).toBe(false);
    });
    const results = await calls!;
    expect(results).toEqual(Array.from({ length: 20 }, () => ({ lotId, created: false })));
    expect(await lotsWithKey(body.grantKey)).toBe(1);
  });

  it('refuses a plan that is not an event plan or not in the catalogue (BAD_USER_INPUT)', async () => {
    const companyId = randomUUID();
    expect(await rejectionCode(grant(malformed({ companyId, planCode: 'SOHO', grantKey: 'soho-key' })))).toBe('BAD_USER_INPUT');
    expect(await rejectionCode(grant(malformed({ companyId, planCode: 'NO_SUCH_PLAN', grantKey: 'unknown-key' })))).toBe('BAD_USER_INPUT');
    // The catalogue is configurable: the route checks the stored plan, not only the contract's names.
    try {
      await sql(`update billing.plan set kind = 'PAID' where code = 'REFERRAL_EVENT'`);
      expect(await rejectionCode(grant({ companyId, planCode: 'REFERRAL_EVENT', grantKey: 'paid-kind-key' }))).toBe('BAD_USER_INPUT');
      await sql(`delete from billing.plan where code = 'REFERRAL_EVENT'`);
      expect(await rejectionCode(grant({ companyId, planCode: 'REFERRAL_EVENT', grantKey: 'missing-plan-key' }))).toBe('BAD_USER_INPUT');
    } finally {
      await seedPlanCatalogue(stack.subgraphs.billing.createContext().em);
    }
    expect((await sql(`select kind from billing.plan where code = 'REFERRAL_EVENT'`))[0]).toEqual({ kind: 'EVENT' });
    expect(await sql(`select id from billing.prepaid_lot where company_id = ?`, [companyId])).toEqual([]);
    // The restored plan grants again.
    expect((await grant({ companyId, planCode: 'REFERRAL_EVENT', grantKey: `referral:${companyId}:referrer` })).created).toBe(true);
  });

  it('refuses a malformed body (BAD_USER_INPUT)', async () => {
    const valid = signupGrant();
    for (const body of [
      {},
      [],
      { ...valid, companyId: 'not-a-uuid' },
      { ...valid, grantKey: '' },
      { ...valid, grantKey: 'k'.repeat(201) },
      { companyId: valid.companyId, planCode: 'SIGNUP_EVENT' },
    ]) {
      expect(await rejectionCode(grant(malformed(body))), JSON.stringify(body)).toBe('BAD_USER_INPUT');
    }
    for (const body of [{}, { grantKey: '' }, { grantKey: 42 }]) {
      expect(await rejectionCode(cancel(malformed(body))), JSON.stringify(body)).toBe('BAD_USER_INPUT');
    }
    expect(await sql(`select id from billing.prepaid_lot where company_id = ?`, [valid.companyId])).toEqual([]);
  });

  it('refuses a grant key already used for another company (CONFLICT)', async () => {
    const body = signupGrant();
    const first = await grant(body);
    expect(await rejectionCode(grant({ ...body, companyId: randomUUID() }))).toBe('CONFLICT');
    expect(await sql(`select id, company_id from billing.prepaid_lot where grant_key = ?`, [body.grantKey])).toEqual([
      { id: first.lotId, company_id: body.companyId },
    ]);
  });

  it('cancels an unused grant, after which the key is free again', async () => {
    const body = signupGrant();
    const first = await grant(body);
    expect(await cancel({ grantKey: body.grantKey })).toEqual({ cancelled: true });
    expect(await lotsWithKey(body.grantKey)).toBe(0);
    expect(await cancel({ grantKey: body.grantKey })).toEqual({ cancelled: false });
    const again = await grant(body);
    expect(again.created).toBe(true);
    expect(again.lotId).not.toBe(first.lotId);
    // Audit trail: each grant and the cancellation, by the calling service; retries add nothing.
    const events = await sql(`select action, actor, target_id, company_id from billing.audit_event where details->>'grantKey' = ? order by occurred_at`, [
      body.grantKey,
    ]);
    expect(events).toEqual([
      { action: 'EVENT_GRANTED', actor: 'service:identity', target_id: first.lotId, company_id: body.companyId },
      { action: 'EVENT_GRANT_CANCELLED', actor: 'service:identity', target_id: first.lotId, company_id: body.companyId },
      { action: 'EVENT_GRANTED', actor: 'service:identity', target_id: again.lotId, company_id: body.companyId },
    ]);
  });

  it('answers cancelled: false for a grant key never granted', async () => {
    expect(await cancel({ grantKey: `signup:${randomUUID()}` })).toEqual({ cancelled: false });
  });

  it('refuses to cancel a lot that has been used (CONFLICT) and keeps it', async () => {
    const body = signupGrant();
    const { lotId } = await grant(body);
    await sql(`update billing.prepaid_lot set used_count = 1 where id = ?`, [lotId]);
    expect(await rejectionCode(cancel({ grantKey: body.grantKey }))).toBe('CONFLICT');
    expect(await sql(`select id, used_count from billing.prepaid_lot where grant_key = ?`, [body.grantKey])).toEqual([{ id: lotId, used_count: 1 }]);
  });

  it('refuses both routes without a valid internal token (HTTP 401)', async () => {
    const body = signupGrant();
    for (const route of ['grant.event', 'grant.cancel']) {
      const response = await fetch(`${stack.subgraphs.billing.url}/internal/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const stranger = { ...stack.internalKeys('identity'), signingKey: generateKeyPairSync('ed25519').privateKey };
    const forger = internalClient<BillingRoutes>(stack.subgraphs.billing.url, { keys: stranger });
    const forged = forger.grant.event.mutate(body);
    await expect(forged).rejects.toThrow(/HTTP 401/);
    expect(await lotsWithKey(body.grantKey)).toBe(0);
  });
});
