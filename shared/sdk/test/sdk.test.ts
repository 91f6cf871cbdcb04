import { describe, expect, it } from 'vitest';
import { EContractClient, EContractError, OverviewDocument, ViewerDocument } from '@econtract/sdk';
import { DEMO_PASSWORD, DemoIds, useStack } from '@econtract/testkit';

const stack = useStack();

describe('the typed SDK', () => {
  it('signs in and runs the cross-subgraph overview', async () => {
    const client = new EContractClient({ url: `${stack.gatewayUrl}/graphql` });
    const session = await client.login('demo-admin', DEMO_PASSWORD);
    expect(session.user.id).toBe(DemoIds.totalAdmin);
    const overview = await client.request(OverviewDocument);
    expect(overview.viewer?.company?.id).toBe(DemoIds.company);
    expect(overview.plans.find((plan) => plan.code === 'SOHO')).toMatchObject({ contractCount: 30, priceKrw: 99_000, validityMonths: 12 });
    expect(overview.documentCategories).toHaveLength(3);
  });

  it('refreshes and logs out, after which the old tokens are refused', async () => {
    const client = new EContractClient({ url: `${stack.gatewayUrl}/graphql` });
    await client.login('demo-individual', DEMO_PASSWORD);
    const refreshed = await client.refresh();
    expect(refreshed.accessToken).toMatch(/^ey/);
    expect((await client.request(ViewerDocument)).viewer?.id).toBe(DemoIds.individual);
    await client.logout();
    expect(await client.request(ViewerDocument)).toEqual({ viewer: null });
    const stale = new EContractClient({ url: `${stack.gatewayUrl}/graphql`, accessToken: refreshed.accessToken });
    expect(await stale.request(ViewerDocument).catch((error: EContractError) => error.code)).toBe('UNAUTHENTICATED');
  });

  it('rejects with the coded error the gateway sent', async () => {
    const client = new EContractClient({ url: `${stack.gatewayUrl}/graphql` });
    const failure = await client.login('demo-admin', 'wrong-password').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EContractError);
    expect((failure as EContractError).code).toBe('UNAUTHENTICATED');
    expect(await client.request(ViewerDocument)).toEqual({ viewer: null });
  });
});
