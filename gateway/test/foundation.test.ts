import { describe, expect, it } from 'vitest';
import { DemoDocuments, DemoIds, useStack } from '@econtract/testkit';
import { LoginDocument, OverviewDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();

describe('one request across all four subgraphs', () => {
  it('answers the overview query for a signed-in total admin', async () => {
    const token = await stack.login('demo-admin');
    const result = await stack.graphql(OverviewDocument, {}, { token });
    expect(result.errors).toBeUndefined();
    expect(result.data.viewer).toEqual({ id: DemoIds.totalAdmin, loginId: 'demo-admin', company: { id: DemoIds.company, name: '데모전자(주)' } });
    expect(result.data.plans.map((plan) => plan.code)).toEqual(['SOHO', 'BUSINESS', 'FREE_PASS', 'SIGNUP_EVENT', 'REFERRAL_EVENT']);
    // The demo documents (documents/src/seed.ts): three categories.
    expect(result.data.documentCategories.map((category) => category.id)).toEqual([
      DemoDocuments.categories.purchases,
      DemoDocuments.categories.employment,
      DemoDocuments.categories.services,
    ]);
  });

  it('gives an individual member their personal workspace and an operator no company', async () => {
    const individual = await stack.graphql(ViewerDocument, {}, { token: await stack.login('demo-individual') });
    expect(individual.data.viewer).toMatchObject({ loginId: 'demo-individual', company: { id: DemoIds.personalWorkspace, kind: 'PERSONAL' } });
    const operator = await stack.graphql(ViewerDocument, {}, { token: await stack.login('operator') });
    expect(operator.data.viewer).toMatchObject({ loginId: 'operator', company: null });
  });
});

describe('login (R-LOGIN-1) and the viewer', () => {
  it('accepts the login ID in any case and returns the account', async () => {
    const result = await stack.graphql(LoginDocument, { loginId: 'DEMO-Staff', password: 'Demo-pass-2026!' });
    expect(result.errors).toBeUndefined();
    expect(result.data.login.user).toEqual({ id: DemoIds.staff, loginId: 'demo-staff', name: '박담당' });
    expect(new Date(result.data.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a wrong password and an unknown login ID with the same answer', async () => {
    const wrong = await stack.graphql(LoginDocument, { loginId: 'demo-admin', password: 'not-the-password' });
    const unknown = await stack.graphql(LoginDocument, { loginId: 'nobody-here', password: 'not-the-password' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });

  it('answers viewer: null when anonymous, and refuses member-only fields', async () => {
    const result = await stack.graphql('{ viewer { id } plans { code } }');
    expect(result.errors).toBeUndefined();
    expect(result.data.viewer).toBeNull();
    expect(result.data.plans.length).toBeGreaterThan(0);
    const categories = await stack.graphql('{ documentCategories { id } }');
    expect(categories.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged or malformed access token with 401 UNAUTHENTICATED', async () => {
    const token = await stack.login('demo-admin');
    const [header, payload] = token.split('.');
    for (const bad of ['garbage', `${header}.${payload}.forgedsignature`, `${header}.${payload}.`]) {
      const result = await stack.graphql('{ plans { code } }', {}, { token: bad });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    }
  });

  it('never leaks an internal error or stack trace for malformed requests', async () => {
    const parse = await stack.graphql('{ viewer { id ');
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await stack.graphql('{ viewer { passwordHash } }');
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badVariable = await stack.graphql('mutation ($id: String!) { login(loginId: $id, password: "x") { accessToken } }', { id: 42 });
    expect(badVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const result of [parse, invalid, badVariable]) expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|at .*\.ts:/);
  });
});

describe('request ids', () => {
  it('echoes a sane caller request id and replaces a hostile one', async () => {
    const kept = await stack.graphql('{ plans { code } }', {}, { headers: { 'x-request-id': 'client-req-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('client-req-12345');
    const replaced = await stack.graphql('{ plans { code } }', {}, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health', () => {
  it('reports alive and ready with every subgraph reachable', async () => {
    const health = await fetch(`${stack.gatewayUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${stack.gatewayUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: { identity: 'ready', organization: 'ready', documents: 'ready', billing: 'ready' },
    });
  });
});
