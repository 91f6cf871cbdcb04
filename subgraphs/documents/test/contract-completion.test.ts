import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { completionFaults, sweepCompletions } from '../src/contract/contract.completion.ts';
import { COMPLETE, draft, exhaustUnits, GET, grantUnits, ok, refused, SEND } from './documents.helpers.ts';

const stack = useStack();
let admin: string;
beforeAll(async () => {
  admin = await stack.login('demo-admin');
});
afterEach(() => {
  completionFaults.afterConsume = null;
});

const usagesOf = async (contractId: string) =>
  (await stack.sql<{ n: number }>('select count(*)::int as n from billing.usage where contract_id = ?', [contractId]))[0]!.n;
const usedUnits = async () =>
  (await stack.sql<{ n: number }>('select coalesce(sum(used_count), 0)::int as n from billing.prepaid_lot where company_id = ?', [DemoIds.company]))[0]!.n;
const statusOf = async (id: string) => (await stack.sql<{ status: string }>('select status from documents.contract where id = ?', [id]))[0]!.status;

async function sentContract(): Promise<{ id: string; managementNumber: string }> {
  const contract = await draft(stack, admin);
  await ok(stack, admin, SEND, { id: contract.id });
  return contract;
}

/** Fails once, right after billing consumed the unit and before the contract is marked COMPLETED. */
function failOnceAfterConsume() {
  completionFaults.afterConsume = () => {
    completionFaults.afterConsume = null;
    throw new Error('injected fault after consumption');
  };
}

describe('completion uses exactly one unit (R-BILL-7)', () => {
  it('a fault after consumption leaves COMPLETING; a retry settles it without consuming again', async () => {
    await grantUnits(stack, DemoIds.company, 10);
    const contract = await sentContract();
    const before = await usedUnits();
    failOnceAfterConsume();
    const failed = await stack.graphql(COMPLETE, { id: contract.id }, { token: admin });
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await statusOf(contract.id)).toBe('COMPLETING');
    expect(await usagesOf(contract.id)).toBe(1);
    const retried = (await ok(stack, admin, COMPLETE, { id: contract.id })).completeContract;
    expect(retried).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(String) });
    expect(await usagesOf(contract.id)).toBe(1);
    expect(await usedUnits()).toBe(before + 1);
    const [usage] = await stack.sql('select management_number from billing.usage where contract_id = ?', [contract.id]);
    expect(usage.management_number).toBe(contract.managementNumber);
    // Completing again is refused and consumes nothing.
    expect((await refused(stack, admin, COMPLETE, { id: contract.id })).code).toBe('CONFLICT');
    expect(await usedUnits()).toBe(before + 1);
  });

  it('the sweeper settles a contract left COMPLETING, with exactly one usage', async () => {
    const contract = await sentContract();
    const before = await usedUnits();
    failOnceAfterConsume();
    await stack.graphql(COMPLETE, { id: contract.id }, { token: admin });
    expect(await statusOf(contract.id)).toBe('COMPLETING');
    const documents = stack.subgraphs.documents;
    const warnings: unknown[] = [];
    const settled = await sweepCompletions(() => documents.createContext(), { warn: (...args: unknown[]) => warnings.push(args) } as never, 0);
    expect(settled).toBe(1);
    expect(warnings).toEqual([]);
    expect(await statusOf(contract.id)).toBe('COMPLETED');
    expect(await usagesOf(contract.id)).toBe(1);
    expect(await usedUnits()).toBe(before + 1);
    expect(await sweepCompletions(() => documents.createContext(), { warn: () => {} } as never, 0)).toBe(0);
    const audit = await stack.sql("select actor_id from documents.audit_entry where target_id = ? and action = 'CONTRACT_COMPLETED'", [contract.id]);
    expect(audit).toEqual([{ actor_id: null }]);
  });

  it('cannot complete without a unit: QUOTA_EXHAUSTED, and the contract stays SENT', async () => {
    const contract = await sentContract();
    await exhaustUnits(stack, DemoIds.company);
    const { code } = await refused(stack, admin, COMPLETE, { id: contract.id });
    expect(code).toBe('QUOTA_EXHAUSTED');
    expect((await ok(stack, admin, GET, { id: contract.id })).contract.status).toBe('SENT');
    expect(await usagesOf(contract.id)).toBe(0);
  });

  it('200 parallel completions over two lots consume exactly 200 units, oldest lot first', async () => {
    await exhaustUnits(stack, DemoIds.company);
    // 200 sent contracts, arranged directly (sending is tested elsewhere).
    const rows = await stack.sql<{ id: string }>(
      `insert into documents.contract (company_id, title, management_number, status, author_id, approval_required, parties, sent_at)
       select ?, '동시 완료 ' || g, '2034-01-' || lpad(g::text, 5, '0'), 'SENT', ?, false, '[]', now() from generate_series(1, 200) g returning id`,
      [DemoIds.company, DemoIds.totalAdmin],
    );
    await stack.sql(
      `insert into documents.contract_filing (contract_id, company_id, box, owner_id) select id, company_id, 'SENT', author_id from documents.contract where title like '동시 완료 %'`,
    );
    const older = await grantUnits(stack, DemoIds.company, 120, 20);
    const newer = await grantUnits(stack, DemoIds.company, 100, 2);
    const results = await Promise.all(rows.map(({ id }) => stack.graphql(COMPLETE, { id }, { token: admin })));
    expect(results.filter((result) => result.errors)).toEqual([]);
    const lots = await stack.sql<{ id: string; used_count: number }>('select id, used_count from billing.prepaid_lot where id in (?, ?)', [older, newer]);
    expect(Object.fromEntries(lots.map((lot) => [lot.id, lot.used_count]))).toEqual({ [older]: 120, [newer]: 80 });
    const [usage] = await stack.sql<{ n: number; contracts: number }>(
      `select count(*)::int as n, count(distinct contract_id)::int as contracts from billing.usage where contract_id in (select id from documents.contract where title like '동시 완료 %')`,
    );
    expect(usage).toEqual({ n: 200, contracts: 200 });
    const [completed] = await stack.sql<{ n: number }>(
      `select count(*)::int as n from documents.contract where title like '동시 완료 %' and status = 'COMPLETED'`,
    );
    expect(completed!.n).toBe(200);
  }, 120_000);
});
