import { afterEach, describe, expect, it } from 'vitest';
import { useStack } from '@econtract/testkit';
import { DEFAULT_CATALOGUE, planCatalogue } from '../src/plan/plan.catalogue.ts';
import { seedPlanCatalogue } from '../src/seed.ts';

const stack = useStack();
afterEach(() => {
  delete process.env.PLAN_CATALOGUE_JSON;
});

const PLANS = '{ plans { code name kind contractCount priceKrw validityMonths purchasable } }';

describe('plan catalogue (billing, R-BILL-1, R-BILL-3)', () => {
  it('serves the seeded catalogue to anyone, in display order', async () => {
    const result = await stack.graphql(PLANS);
    expect(result.errors).toBeUndefined();
    expect(result.data.plans).toEqual(DEFAULT_CATALOGUE);
    const paid = result.data.plans.filter((plan: { kind: string }) => plan.kind === 'PAID');
    expect(paid.map((plan: { code: string; validityMonths: number }) => [plan.code, plan.validityMonths])).toEqual([
      ['SOHO', 12],
      ['BUSINESS', 12],
    ]);
  });

  it('applies a configured catalogue on the next start, updating prices in place', async () => {
    const changed = DEFAULT_CATALOGUE.map((plan) => (plan.code === 'SOHO' ? { ...plan, priceKrw: 110_000 } : plan));
    process.env.PLAN_CATALOGUE_JSON = JSON.stringify(changed);
    await seedPlanCatalogue(stack.subgraphs.billing.createContext().em);
    const result = await stack.graphql('{ plans { code priceKrw } }');
    expect(result.data.plans.find((plan: { code: string }) => plan.code === 'SOHO')).toEqual({ code: 'SOHO', priceKrw: 110_000 });
  });

  it('refuses a malformed configured catalogue', () => {
    expect(() => planCatalogue('[{"code":"soho","name":"","kind":"PAID","contractCount":0,"priceKrw":-1,"validityMonths":12,"purchasable":true}]')).toThrow();
    expect(() => planCatalogue('[]')).toThrow();
  });
});
