import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '@econtract/server-kit';
import { DemoIds, useStack } from '@econtract/testkit';

const stack = useStack();
const secret = () => stack.internalTokenSecret;

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const names = ['identity', 'organization', 'documents', 'billing'] as const;

describe('subgraphs answer only the gateway', () => {
  it.each(names)('%s refuses GraphQL without an internal token', async (name) => {
    const response = await post(`${stack.subgraphs[name].url}/graphql`, { query: '{ _service { sdl } }' });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it.each(names)('%s refuses forged, expired and wrong-audience tokens', async (name) => {
    const key = new TextEncoder().encode(secret());
    const forged = await signInternalToken('another-secret-that-is-long-enough-0123456789', { caller: 'gateway', viewer: null, requestId: undefined });
    const expired = await new SignJWT({ viewer: null }).setProtectedHeader({ alg: 'HS256' }).setIssuer('gateway').setAudience('econtract-internal').setIssuedAt(1).setExpirationTime(2).sign(key);
    const wrongAudience = await new SignJWT({ viewer: null }).setProtectedHeader({ alg: 'HS256' }).setIssuer('gateway').setAudience('econtract-api').setExpirationTime('1m').sign(key);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"econtract-internal","iss":"gateway"}').toString('base64url')}.`;
    for (const token of [forged, expired, wrongAudience, unsigned]) {
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
    const token = await signInternalToken(secret(), { caller: 'gateway', viewer: null, requestId: undefined });
    const response = await post(url, body, { [INTERNAL_TOKEN_HEADER]: token });
    expect(response.status).toBe(200);
    expect((await response.json()).result.data).toMatchObject({ userId: DemoIds.totalAdmin, loginId: 'demo-admin', active: true });
  });

  it('serves the gateway: a valid internal token gets data', async () => {
    const token = await signInternalToken(secret(), { caller: 'gateway', viewer: null, requestId: undefined });
    const response = await post(`${stack.subgraphs.billing.url}/graphql`, { query: '{ plans { code } }' }, { [INTERNAL_TOKEN_HEADER]: token });
    expect(response.status).toBe(200);
    expect((await response.json()).data.plans).toHaveLength(5);
  });
});
