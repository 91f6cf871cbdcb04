import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@econtract/server-kit';
import { DemoIds, useStack } from '@econtract/testkit';
import { consume, freshMember, insertLot, nodes } from './billing.fixtures.ts';

const stack = useStack();

const ACCOUNT = '{ billingAccount { tier remainingCount nextExpiry activeLots { id kind remainingCount } } }';

/** A new individual member (signup grants the signup event plan) and their workspace's id. */
describe('who may see billing (issue #5)', () => {
  it('answers the total admin and the individual member, each for their own company', async () => {
    for (const [login, companyId] of [
      ['demo-admin', DemoIds.company],
      ['demo-individual', DemoIds.personalWorkspace],
    ] as const) {
      const token = await stack.login(login);
      const result = await stack.graphql(
        '{ billingAccount { tier } prepaidLots { edges { node { id } } } payments { edges { node { id } } } viewer { company { id billing { tier } } } }',
        {},
        { token },
      );
      expect(result.errors, login).toBeUndefined();
      expect(result.data.viewer.company).toMatchObject({ id: companyId, billing: { tier: result.data.billingAccount.tier } });
    }
  });

  it('refuses staff, department managers and the operator (FORBIDDEN), and anonymous callers (UNAUTHENTICATED)', async () => {
    for (const login of ['demo-staff', 'demo-manager', 'operator']) {
      const token = await stack.login(login);
      for (const query of [
        '{ billingAccount { tier } }',
        '{ prepaidLots { edges { node { id } } } }',
        '{ payments { edges { node { id } } } }',
        'mutation { preparePayment(planCode: "SOHO") { orderId } }',
        'mutation { claimFreePass { id } }',
      ]) {
        const result = await stack.graphql(query, {}, { token });
        expect(result.errors?.[0]?.extensions?.code, `${login} ${query}`).toBe('FORBIDDEN');
      }
    }
    const staff = await stack.login('demo-staff');
    const viaCompany = await stack.graphql('{ viewer { company { id billing { tier } } } }', {}, { token: staff });
    expect(viaCompany.data.viewer.company).toEqual({ id: DemoIds.company, billing: null });
    expect(viaCompany.errors?.[0]).toMatchObject({ path: ['viewer', 'company', 'billing'], extensions: { code: 'FORBIDDEN' } });

    const anonymous = await stack.graphql('{ billingAccount { tier } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stack.sql(`select count(*)::int as n from billing.payment`)).toEqual([{ n: 0 }]);
  });

  it("never resolves another company's billing through the entity reference", async () => {
    const admin = {
      userId: DemoIds.totalAdmin,
      loginId: 'demo-admin',
      role: 'MEMBER' as const,
      sessionId: null,
      member: {
        companyId: DemoIds.company,
        grade: 'TOTAL_ADMIN' as const,
        active: true,
        departmentId: null,
        departmentScope: [],
        permissions: ALL_PERMISSIONS,
      },
    };
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id billing { tier } } } }';
    const other = await stack.subgraphGraphql('billing', query, { r: [{ __typename: 'Company', id: DemoIds.personalWorkspace }] }, admin);
    expect(other.data._entities).toEqual([null]);
    const own = await stack.subgraphGraphql('billing', query, { r: [{ __typename: 'Company', id: DemoIds.company }] }, admin);
    expect(own.data._entities[0].id).toBe(DemoIds.company);
  });
});

describe('tier, remaining count and next expiry (R-BILL-5)', () => {
  it('is EVENT after signup, PAID with a usable paid lot, GENERAL when nothing usable is left', async () => {
    const { token, companyId } = await freshMember(stack);
    const afterSignup = (await stack.graphql(ACCOUNT, {}, { token })).data.billingAccount;
    expect(afterSignup).toMatchObject({ tier: 'EVENT', remainingCount: 10 });
    expect(afterSignup.activeLots).toEqual([{ id: expect.any(String), kind: 'EVENT', remainingCount: 10 }]);

    await insertLot(stack, companyId, { kind: 'PAID', charged: 300, used: 0, purchasedDaysAgo: 400, expiresInDays: -1 }); // expired: ignored
    expect((await stack.graphql(ACCOUNT, {}, { token })).data.billingAccount).toMatchObject({ tier: 'EVENT', remainingCount: 10 });

    const paid = await insertLot(stack, companyId, { kind: 'PAID', charged: 30, used: 4, expiresInDays: 200 });
    const withPaid = (await stack.graphql(ACCOUNT, {}, { token })).data.billingAccount;
    expect(withPaid).toMatchObject({ tier: 'PAID', remainingCount: 10 + 26 });
    const [event] = await stack.sql(`select expires_at from billing.prepaid_lot where company_id = ? and kind = 'EVENT'`, [companyId]);
    expect(withPaid.nextExpiry).toBe(new Date(event.expires_at).toISOString());

    await stack.sql(`update billing.prepaid_lot set used_count = charged_count where id = ?`, [paid]);
    expect((await stack.graphql(ACCOUNT, {}, { token })).data.billingAccount).toMatchObject({ tier: 'EVENT', remainingCount: 10 });

    await stack.sql(`update billing.prepaid_lot set used_count = charged_count where company_id = ?`, [companyId]);
    expect((await stack.graphql(ACCOUNT, {}, { token })).data.billingAccount).toEqual({ tier: 'GENERAL', remainingCount: 0, nextExpiry: null, activeLots: [] });
  });

  it('counts a free pass as EVENT tier', async () => {
    const { token, companyId } = await freshMember(stack);
    await stack.sql(`update billing.prepaid_lot set used_count = charged_count where company_id = ?`, [companyId]);
    await insertLot(stack, companyId, { kind: 'FREE_PASS', charged: 5, used: 1 });
    expect((await stack.graphql(ACCOUNT, {}, { token })).data.billingAccount).toMatchObject({ tier: 'EVENT', remainingCount: 4 });
  });
});

describe('prepaid service history (R-BILL-7)', () => {
  it('lists lots oldest first with charged / used / remaining, hides expired ones unless asked, and lists each consumed unit', async () => {
    const { token, companyId } = await freshMember(stack);
    const expired = await insertLot(stack, companyId, { kind: 'PAID', charged: 30, used: 2, purchasedDaysAgo: 400, expiresInDays: -1 });
    const paid = await insertLot(stack, companyId, { kind: 'PAID', planCode: 'BUSINESS', charged: 300, purchasedDaysAgo: -0.001 });
    // The signup lot is older than `paid`, so it is used first.
    const consumed = [];
    const contractIds = Array.from({ length: 12 }, () => crypto.randomUUID());
    for (const [i, contractId] of contractIds.entries())
      consumed.push(await consume(stack, { companyId, contractId, managementNumber: `2026-11-${String(i + 1).padStart(5, '0')}` }));
    expect(new Set(consumed.slice(0, 10).map((c) => c.lotId)).size).toBe(1);
    expect(consumed.slice(10).every((c) => c.lotId === paid)).toBe(true);

    const LOTS =
      'query ($all: Boolean!) { prepaidLots(includeExpired: $all) { edges { node { id kind plan { code name } chargedCount usedCount remainingCount status purchasedAt expiresAt usages(first: 3) { edges { cursor node { id contractId managementNumber consumedAt } } } } } } }';
    const current = nodes((await stack.graphql(LOTS, { all: false }, { token })).data.prepaidLots).map((lot) => ({
      ...lot,
      usages: nodes(lot.usages),
      usageCursors: lot.usages.edges.map((edge: { cursor: string }) => edge.cursor),
    }));
    expect(
      current.map((lot: { kind: string; status: string; chargedCount: number; usedCount: number; remainingCount: number }) => [
        lot.kind,
        lot.status,
        lot.chargedCount,
        lot.usedCount,
        lot.remainingCount,
      ]),
    ).toEqual([
      ['EVENT', 'EXHAUSTED', 10, 10, 0],
      ['PAID', 'ACTIVE', 300, 2, 298],
    ]);
    expect(current[1].plan).toEqual({ code: 'BUSINESS', name: '비즈니스형' });
    expect(current[0].usages.map((usage: { managementNumber: string }) => usage.managementNumber)).toEqual(['2026-11-00001', '2026-11-00002', '2026-11-00003']);
    expect(current[1].usages.map((usage: { contractId: string }) => usage.contractId)).toEqual(contractIds.slice(10));
    expect(current[1].usages.map((usage: { id: string }) => usage.id)).toEqual([consumed[10]!.usageId, consumed[11]!.usageId]);

    const all = nodes((await stack.graphql(LOTS, { all: true }, { token })).data.prepaidLots);
    expect(all[0]).toMatchObject({ id: expired, status: 'EXPIRED', remainingCount: 28 });

    // Lots page like every list: the first one, then the rest after its cursor.
    const LOT_PAGE =
      'query ($after: String) { prepaidLots(includeExpired: true, first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }';
    const firstLot = (await stack.graphql(LOT_PAGE, {}, { token })).data.prepaidLots;
    expect(nodes(firstLot).map((lot: { id: string }) => lot.id)).toEqual([expired]);
    expect(firstLot.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const secondLot = (await stack.graphql(LOT_PAGE, { after: firstLot.pageInfo.endCursor }, { token })).data.prepaidLots;
    expect(nodes(secondLot).map((lot: { id: string }) => lot.id)).toEqual([all[1].id]);
    expect(secondLot.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    // Next page of the signup lot's usages, after the third.
    const page2 = await stack.graphql(
      'query ($after: String) { prepaidLots { edges { node { usages(first: 5, after: $after) { edges { node { managementNumber } } } } } } }',
      { after: current[0].usageCursors[2] },
      { token },
    );
    expect(nodes(nodes(page2.data.prepaidLots)[0].usages).map((usage: { managementNumber: string }) => usage.managementNumber)).toEqual([
      '2026-11-00004',
      '2026-11-00005',
      '2026-11-00006',
      '2026-11-00007',
      '2026-11-00008',
    ]);

    // One lot per page keeps the query's cost under the gateway's limit, so the resolver's own check answers.
    const usages = (args: string) => `{ prepaidLots(first: 1) { edges { node { usages(${args}) { edges { node { id } } } } } } }`;
    for (const bad of [
      usages('first: 0'),
      usages('first: 501'),
      usages('after: "nope"'),
      usages(`after: "${all[0].id}"`),
      `{ prepaidLots(after: "${current[0].usageCursors[0]}") { edges { cursor } } }`,
    ]) {
      expect((await stack.graphql(bad, {}, { token })).errors?.[0]?.extensions?.code, bad).toBe('BAD_USER_INPUT');
    }
  });

  it("shows only the viewer's company's lots", async () => {
    const a = await freshMember(stack);
    const b = await freshMember(stack);
    const lotOfB = await insertLot(stack, b.companyId, { charged: 7 });
    const lotsOfA = nodes(
      (await stack.graphql('{ prepaidLots(includeExpired: true) { edges { node { id } } } }', {}, { token: a.token })).data.prepaidLots,
    ).map((lot: { id: string }) => lot.id);
    expect(lotsOfA).toHaveLength(1);
    expect(lotsOfA).not.toContain(lotOfB);
  });
});
