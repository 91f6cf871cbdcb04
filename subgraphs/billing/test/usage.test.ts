import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { malformed, rejectionCode, useStack } from '@econtract/testkit';
import { consume, insertLot, lotCounts } from './billing.fixtures.ts';

const stack = useStack();

describe('usage.consume: one unit per completed contract (R-BILL-4, R-BILL-5, R-BILL-7)', () => {
  it('deducts from the usable lot bought first, skipping expired and exhausted lots', async () => {
    const companyId = randomUUID();
    const expired = await insertLot(stack, companyId, { purchasedDaysAgo: 400, expiresInDays: -1, charged: 30, used: 3 });
    const exhausted = await insertLot(stack, companyId, { purchasedDaysAgo: 100, charged: 5, used: 5 });
    const older = await insertLot(stack, companyId, { kind: 'EVENT', purchasedDaysAgo: 20, charged: 2 });
    const newer = await insertLot(stack, companyId, { purchasedDaysAgo: 10, charged: 30 });

    const contracts = [randomUUID(), randomUUID(), randomUUID()];
    const results = [];
    for (const contractId of contracts) results.push(await consume(stack, { companyId, contractId, managementNumber: '2026-11-00001' }));
    expect(results.map((result) => result.lotId)).toEqual([older, older, newer]);
    expect(results.every((result) => result.consumed)).toBe(true);

    expect(await lotCounts(stack, expired)).toMatchObject({ used_count: 3, usages: 0 });
    expect(await lotCounts(stack, exhausted)).toMatchObject({ used_count: 5, usages: 0 });
    expect(await lotCounts(stack, older)).toEqual({ used_count: 2, charged_count: 2, usages: 2 });
    expect(await lotCounts(stack, newer)).toEqual({ used_count: 1, charged_count: 30, usages: 1 });
    const [usage] = await stack.sql(`select contract_id, management_number, company_id from billing.usage where id = ?`, [results[2]!.usageId]);
    expect(usage).toEqual({ contract_id: contracts[2], management_number: '2026-11-00001', company_id: companyId });
  });

  it('never uses a lot whose expiry has passed, however many units it has (QUOTA_EXHAUSTED)', async () => {
    const companyId = randomUUID();
    const lot = await insertLot(stack, companyId, { purchasedDaysAgo: 40, expiresInDays: -0.001, charged: 300 });
    const refusal = consume(stack, { companyId, contractId: randomUUID() });
    await expect(refusal).rejects.toMatchObject({ code: 'QUOTA_EXHAUSTED' });
    await expect(consume(stack, { companyId, contractId: randomUUID() })).rejects.toThrow(/SOHO.*BUSINESS.*free pass/s);
    expect(await lotCounts(stack, lot)).toMatchObject({ used_count: 0, usages: 0 });
  });

  it('refuses with QUOTA_EXHAUSTED when the last unit is gone, and a company with no lots at all', async () => {
    const companyId = randomUUID();
    const lot = await insertLot(stack, companyId, { charged: 1 });
    expect((await consume(stack, { companyId, contractId: randomUUID() })).lotId).toBe(lot);
    expect(await rejectionCode(consume(stack, { companyId, contractId: randomUUID() }))).toBe('QUOTA_EXHAUSTED');
    expect(await rejectionCode(consume(stack, { companyId: randomUUID(), contractId: randomUUID() }))).toBe('QUOTA_EXHAUSTED');
    expect(await stack.sql(`select count(*)::int as n from billing.usage where company_id = ?`, [companyId])).toEqual([{ n: 1 }]);
  });

  it("never deducts from another company's lot", async () => {
    const mine = randomUUID();
    const theirs = randomUUID();
    const theirLot = await insertLot(stack, theirs, { charged: 10 });
    expect(await rejectionCode(consume(stack, { companyId: mine, contractId: randomUUID() }))).toBe('QUOTA_EXHAUSTED');
    expect(await lotCounts(stack, theirLot)).toMatchObject({ used_count: 0, usages: 0 });
  });

  it('is idempotent per contract id: a retry returns the same lot and usage and deducts nothing', async () => {
    const companyId = randomUUID();
    const lot = await insertLot(stack, companyId, { charged: 5 });
    const contractId = randomUUID();
    const first = await consume(stack, { companyId, contractId });
    const retry = await consume(stack, { companyId, contractId });
    expect(first).toMatchObject({ lotId: lot, consumed: true });
    expect(retry).toEqual({ lotId: lot, usageId: first.usageId, consumed: false });
    expect(await lotCounts(stack, lot)).toMatchObject({ used_count: 1, usages: 1 });
  });

  it('answers a retry with the same lot even once the company has no units left', async () => {
    const companyId = randomUUID();
    const lot = await insertLot(stack, companyId, { charged: 1 });
    const contractId = randomUUID();
    await consume(stack, { companyId, contractId });
    expect(await consume(stack, { companyId, contractId })).toMatchObject({ lotId: lot, consumed: false });
  });

  it('consumes exactly once for one contract id sent 30 times at once', async () => {
    const companyId = randomUUID();
    const lot = await insertLot(stack, companyId, { charged: 10 });
    const contractId = randomUUID();
    const results = await Promise.all(Array.from({ length: 30 }, () => consume(stack, { companyId, contractId })));
    expect(results.filter((result) => result.consumed)).toHaveLength(1);
    expect(new Set(results.map((result) => result.usageId)).size).toBe(1);
    expect(new Set(results.map((result) => result.lotId))).toEqual(new Set([lot]));
    expect(await lotCounts(stack, lot)).toEqual({ used_count: 1, charged_count: 10, usages: 1 });
  });

  it('is exact under concurrency: 200 calls for different contracts against 60 + 70 units → exactly 130 succeed', async () => {
    const companyId = randomUUID();
    const first = await insertLot(stack, companyId, { purchasedDaysAgo: 5, charged: 60 });
    const second = await insertLot(stack, companyId, { purchasedDaysAgo: 2, charged: 70, planCode: 'BUSINESS' });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () =>
        consume(stack, { companyId, contractId: randomUUID() }).then(
          (result) => result.lotId,
          (error) => `error:${error.code ?? error.message}`,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === first)).toHaveLength(60);
    expect(outcomes.filter((outcome) => outcome === second)).toHaveLength(70);
    expect(outcomes.filter((outcome) => outcome === 'error:QUOTA_EXHAUSTED')).toHaveLength(70);
    expect(await lotCounts(stack, first)).toEqual({ used_count: 60, charged_count: 60, usages: 60 });
    expect(await lotCounts(stack, second)).toEqual({ used_count: 70, charged_count: 70, usages: 70 });
  });

  it('refuses a malformed body (BAD_USER_INPUT) and changes nothing', async () => {
    const companyId = randomUUID();
    const lot = await insertLot(stack, companyId, { charged: 5 });
    for (const body of [
      {},
      { companyId },
      { companyId, contractId: 'not-a-uuid' },
      { companyId: 'x', contractId: randomUUID() },
      { companyId, contractId: randomUUID(), managementNumber: 'n'.repeat(51) },
    ]) {
      expect(await rejectionCode(consume(stack, malformed(body))), JSON.stringify(body)).toBe('BAD_USER_INPUT');
    }
    expect(await lotCounts(stack, lot)).toMatchObject({ used_count: 0, usages: 0 });
  });

  it('refuses a call without a valid internal token (HTTP 401)', async () => {
    const companyId = randomUUID();
    const lot = await insertLot(stack, companyId, { charged: 5 });
    const response = await fetch(`${stack.subgraphs.billing.url}/internal/usage.consume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ companyId, contractId: randomUUID() }),
    });
    expect(response.status).toBe(401);
    expect(await lotCounts(stack, lot)).toMatchObject({ used_count: 0 });
  });
});
