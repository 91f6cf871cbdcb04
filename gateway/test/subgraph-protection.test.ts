import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateInternalKeyEnv, INTERNAL_TOKEN_HEADER, internalKeysFor, loadCommonEnv, signInternalToken, verifyInternalToken } from '@econtract/server-kit';
import type { OrganizationRoutes } from '@econtract/organization/routes';
import { demoAdminViewer, DemoIds, useStack } from '@econtract/testkit';

const stack = useStack();
const gatewayKeys = () => stack.internalKeys('gateway');

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const names = ['identity', 'organization', 'documents', 'billing'] as const;
/** One internal route each subgraph serves (documents only the development outbox). */
const ROUTE_OF = { identity: 'standing.account', organization: 'standing.member', documents: 'outbox.list', billing: 'grant.event' } as const;

/** A token as `issuer` would sign it with `key`, claims chosen freely (what a compromised service could send). */
const mint = (key: Parameters<SignJWT['sign']>[0], issuer: string, claims: Record<string, unknown>, audience = 'econtract-internal') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('1m').sign(key);

describe('subgraphs answer only the gateway', () => {
  it.each(names)('%s refuses GraphQL without an internal token', async (name) => {
    const response = await post(`${stack.subgraphs[name].url}/graphql`, { query: '{ _service { sdl } }' });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it.each(names)('%s refuses forged, expired, wrong-audience, HS256 and unsigned tokens', async (name) => {
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forged = await mint(stranger, 'gateway', { viewer: null });
    const expired = await new SignJWT({ viewer: null })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('gateway')
      .setAudience('econtract-internal')
      .setIssuedAt(1)
      .setExpirationTime(2)
      .sign(gatewayKeys().signingKey);
    const wrongAudience = await mint(gatewayKeys().signingKey, 'gateway', { viewer: null }, 'econtract-api');
    const unknownIssuer = await mint(gatewayKeys().signingKey, 'payments', { viewer: null });
    // The old shared-secret scheme: an HMAC token is no longer accepted, whatever its secret.
    const hmac = await new SignJWT({ viewer: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('gateway')
      .setAudience('econtract-internal')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('dev-only-internal-token-secret-change-me-0123456789'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"econtract-internal","iss":"gateway"}').toString('base64url')}.`;
    for (const token of [forged, expired, wrongAudience, unknownIssuer, hmac, unsigned]) {
      const response = await post(`${stack.subgraphs[name].url}/graphql`, { query: '{ __typename }' }, { [INTERNAL_TOKEN_HEADER]: token });
      expect(response.status).toBe(401);
    }
  });

  it('refuses internal routes without a token, and serves them with one', async () => {
    const url = `${stack.subgraphs.identity.url}/internal/standing.account`;
    const accessToken = await stack.login('demo-admin');
    const sessionId = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()).sid;
    const body = { userId: DemoIds.totalAdmin, sessionId };
    expect((await post(url, body)).status).toBe(401);
    const token = await signInternalToken(gatewayKeys(), { viewer: null, requestId: undefined });
    const response = await post(url, body, { [INTERNAL_TOKEN_HEADER]: token });
    expect(response.status).toBe(200);
    expect((await response.json()).result.data).toMatchObject({ userId: DemoIds.totalAdmin, loginId: 'demo-admin', active: true });
  });

  it('serves the gateway: a valid internal token gets data', async () => {
    const token = await signInternalToken(gatewayKeys(), { viewer: null, requestId: undefined });
    const response = await post(`${stack.subgraphs.billing.url}/graphql`, { query: '{ plans { code } }' }, { [INTERNAL_TOKEN_HEADER]: token });
    expect(response.status).toBe(200);
    expect((await response.json()).data.plans).toHaveLength(5);
  });
});

describe('only the gateway speaks for a viewer', () => {
  const VIEWER_QUERY = '{ company { id } }';

  it('accepts the viewer in a token the gateway signed', async () => {
    const result = await stack.subgraphGraphql('organization', VIEWER_QUERY, {}, demoAdminViewer());
    expect(result.status).toBe(200);
    expect(result.data.company.id).toBe(DemoIds.company);
  });

  it.each(names)('refuses a viewer token that %s signed with its own key (a subgraph cannot act for a person)', async (minter) => {
    const keys = stack.internalKeys(minter);
    await expect(signInternalToken(keys, { viewer: demoAdminViewer(), requestId: undefined })).rejects.toThrow(/only the gateway/);
    // A compromised subgraph would bypass the kit and sign the claims itself, as itself or posing as the gateway.
    for (const token of [
      await mint(keys.signingKey, minter, { viewer: demoAdminViewer() }),
      await mint(keys.signingKey, minter, { viewer: null, cli: { ip: '1.2.3.4', userAgent: 'x' } }),
      await mint(keys.signingKey, 'gateway', { viewer: demoAdminViewer() }),
    ]) {
      for (const target of names) {
        const response = await post(`${stack.subgraphs[target].url}/graphql`, { query: VIEWER_QUERY }, { [INTERNAL_TOKEN_HEADER]: token });
        expect(response.status, `${minter} → ${target}`).toBe(401);
        const route = await post(
          `${stack.subgraphs[target].url}/internal/${ROUTE_OF[target]}`,
          { userId: DemoIds.totalAdmin },
          { [INTERNAL_TOKEN_HEADER]: token },
        );
        expect(route.status).toBe(401);
      }
    }
  });

  it("accepts a subgraph's own service token, which names the subgraph and no viewer", async () => {
    const claims = await verifyInternalToken(gatewayKeys(), await signInternalToken(stack.internalKeys('billing'), { viewer: null, requestId: 'r-1' }));
    expect(claims).toMatchObject({ caller: 'billing', viewer: null, requestId: 'r-1' });
    expect(await stack.internal<OrganizationRoutes>('organization', { caller: 'billing' }).standing.member.query({ userId: DemoIds.staff })).toMatchObject({
      companyId: DemoIds.company,
    });
  });
});

describe('internal key settings', () => {
  it('derives distinct dev keys per service and refuses them in production', () => {
    const dev = loadCommonEnv({});
    const pems = (['gateway', 'identity', 'billing'] as const).map((caller) =>
      internalKeysFor(dev, caller).signingKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    expect(new Set(pems).size).toBe(3);
    const devKeys = {
      INTERNAL_SIGNING_KEYS: JSON.stringify({ gateway: pems[0] }),
      INTERNAL_VERIFY_KEYS: JSON.stringify({ gateway: internalKeysFor(dev, 'gateway').verifyKeys.get('gateway')!.export({ format: 'pem', type: 'spki' }) }),
    };
    const secret = () => randomBytes(32).toString('base64url');
    const production = {
      NODE_ENV: 'production',
      INTERNAL_TOKEN_SECRET: secret(),
      ACCESS_TOKEN_SECRET: secret(),
      OUTBOX_ENCRYPTION_KEY: secret(),
      TOKEN_HASH_SECRET: secret(),
      DATABASE_URL: 'postgres://x/y',
    };
    expect(() => loadCommonEnv(production)).toThrow(/INTERNAL_SIGNING_KEYS: must be set in production[\s\S]*INTERNAL_VERIFY_KEYS: must be set in production/);
    expect(() => loadCommonEnv({ ...production, ...devKeys })).toThrow(/INTERNAL_SIGNING_KEYS: holds a development key/);
    expect(() => loadCommonEnv({ ...production, ...generateInternalKeyEnv() })).not.toThrow();
    expect(() => loadCommonEnv({ INTERNAL_SIGNING_KEYS: '{"gateway": "not a key"}' })).toThrow(/INTERNAL_SIGNING_KEYS: gateway:/);
    expect(() =>
      loadCommonEnv({
        INTERNAL_VERIFY_KEYS: JSON.stringify({ gateway: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) }),
      }),
    ).toThrow(/Ed25519/);
  });
});
