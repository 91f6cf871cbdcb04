import type { BillingRoutes } from '@econtract/billing/routes';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, INTERNAL_TOKEN_HEADER, KOREAN_MESSAGE_EXTENSION, signInternalToken } from '@econtract/server-kit';
import { useStack } from '@econtract/testkit';

const stack = useStack();
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const HANGUL = /[가-힣]/;

type Target = 'gateway' | 'identity' | 'organization' | 'documents' | 'billing';
const TARGETS: Target[] = ['gateway', 'identity', 'organization', 'documents', 'billing'];

/** A request to one server; subgraphs get a valid internal token, so the refusal is about the request itself. */
async function send(target: Target, route: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const base = target === 'gateway' ? stack.gatewayUrl : stack.subgraphs[target].url;
  const token: Record<string, string> =
    target === 'gateway' ? {} : { [INTERNAL_TOKEN_HEADER]: await signInternalToken(stack.internalKeys('gateway'), { viewer: null, requestId: undefined }) };
  const response = await fetch(`${base}${route}`, { method: init.method ?? 'POST', body: init.body, headers: { ...token, ...init.headers } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The one shape every failure has: GraphQL-style JSON with a code, and nothing of our insides. */
function expectCodedJson(answer: Awaited<ReturnType<typeof send>>, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(answer.text).not.toMatch(/<html|<!doctype|<pre>/i);
  expect(answer.text).not.toMatch(/(\\n|\n)\s+at |:\d+:\d+\)?/); // stack lines, raw or JSON-escaped
  expect(answer.text).not.toContain(REPO_ROOT);
  expect(answer.text).not.toMatch(/\/work\/|node_modules|\.ts\b/);
  const body = JSON.parse(answer.text) as { errors: Array<{ message: string; extensions: { code: string } }> };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]!.extensions).toEqual({ code });
  expect(body.errors[0]!.message.length).toBeGreaterThan(10);
  return body.errors[0]!.message;
}

const json = { 'content-type': 'application/json' };

describe.each(TARGETS)('%s answers every failure as coded JSON (issue #8)', (target) => {
  it('malformed JSON → 400 BAD_REQUEST', async () => {
    expectCodedJson(await send(target, '/graphql', { headers: json, body: '{"query": "{ __typename }"' }), 400, 'BAD_REQUEST');
    expectCodedJson(await send(target, '/graphql', { headers: json, body: '"just a string"' }), 400, 'BAD_REQUEST');
  });

  it('JSON that is not a GraphQL request → 400 BAD_REQUEST', async () => {
    for (const body of ['{}', '[{"query": "{ __typename }"}]', '{"query": "{ __typename }", "variables": [1]}', '{"query": 42}']) {
      expectCodedJson(await send(target, '/graphql', { headers: json, body }), 400, 'BAD_REQUEST');
    }
  });

  it('a body over 1 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { filler: 'x'.repeat(1_100_000) } });
    expectCodedJson(await send(target, '/graphql', { headers: json, body }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const contentTypes: Array<Record<string, string>> = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      {},
      { 'content-type': 'application/json; charset=latin9' },
    ];
    for (const headers of contentTypes) {
      expectCodedJson(await send(target, '/graphql', { headers, body: '{ __typename }' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('unknown addresses → 404 NOT_FOUND', async () => {
    expectCodedJson(await send(target, '/no-such-page', { method: 'GET' }), 404, 'NOT_FOUND');
    expectCodedJson(await send(target, '/graphql-v2/x', { headers: json, body: '{}' }), 404, 'NOT_FOUND');
    expectCodedJson(await send(target, '/healthz', { method: 'DELETE' }), 404, 'NOT_FOUND');
  });

  it('a method GraphQL does not use → 405 METHOD_NOT_ALLOWED; a bare GET → 400', async () => {
    const answer = await send(target, '/graphql', { method: 'PUT', headers: json, body: '{"query": "{ __typename }"}' });
    expectCodedJson(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.get('allow')).toBe('GET, POST');
    expectCodedJson(await send(target, '/graphql', { method: 'GET', headers: { accept: 'text/html' } }), 400, 'BAD_REQUEST');
  });

  it('speaks Korean when the client prefers it', async () => {
    const korean = { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' };
    expect(expectCodedJson(await send(target, '/graphql', { headers: { ...json, ...korean }, body: '{' }), 400, 'BAD_REQUEST')).toMatch(HANGUL);
    expect(expectCodedJson(await send(target, '/nope', { method: 'GET', headers: korean }), 404, 'NOT_FOUND')).toMatch(HANGUL);
    expect(expectCodedJson(await send(target, '/nope', { method: 'GET' }), 404, 'NOT_FOUND')).not.toMatch(HANGUL);
  });

  it('still answers a good request afterwards', async () => {
    const answer = await send(target, '/graphql', { headers: json, body: '{"query": "{ __typename }"}' });
    expect(answer.status).toBe(200);
    // The gateway reports every operation's cost (issue #12); subgraphs answer the bare result.
    const cost = target === 'gateway' ? { extensions: { cost: { requestedQueryCost: 0, maximumAvailable: 5000 } } } : {};
    expect(JSON.parse(answer.text)).toEqual({ data: { __typename: 'Query' }, ...cost });
  });
});

describe('subgraph-only routes answer as coded JSON too', () => {
  it.each(TARGETS.filter((target) => target !== 'gateway'))(
    '%s: internal routes refuse malformed, oversize and non-JSON bodies and unknown routes',
    async (target) => {
      expectCodedJson(await send(target, '/internal/standing', { headers: json, body: '{' }), 400, 'BAD_REQUEST');
      expectCodedJson(
        await send(target, '/internal/standing', { headers: json, body: JSON.stringify({ filler: 'x'.repeat(1_100_000) }) }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expectCodedJson(await send(target, '/internal/standing', { headers: { 'content-type': 'text/plain' }, body: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectCodedJson(await send(target, '/internal/no/such/route', { headers: json, body: '{}' }), 404, 'NOT_FOUND');
    },
  );

  it('refuses a caller without an internal token in Korean when asked', async () => {
    const response = await fetch(`${stack.subgraphs.identity.url}/graphql`, {
      method: 'POST',
      headers: { ...json, 'accept-language': 'ko' },
      body: '{"query": "{ __typename }"}',
    });
    const message = expectCodedJson({ status: response.status, headers: response.headers, text: await response.text() }, 401, 'UNAUTHENTICATED');
    expect(message).toMatch(HANGUL);
  });

  it("keeps an internal route's Korean message for the calling service", async () => {
    const refusal = await stack
      .internal<BillingRoutes>('billing', { caller: 'documents' })
      .usage.consume.mutate({ companyId: randomUUID(), contractId: randomUUID() })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('QUOTA_EXHAUSTED');
    expect((refusal as AppError).extensions[KOREAN_MESSAGE_EXTENSION]).toMatch(HANGUL);
  });
});

describe('the gateway’s own pages', () => {
  it('answers an unknown GraphiQL asset and a bad receipt link as coded JSON', async () => {
    expectCodedJson(await send('gateway', '/graphiql/assets/nope.js', { method: 'GET' }), 404, 'NOT_FOUND');
    expectCodedJson(await send('gateway', `/receipts/${randomUUID()}?token=forged`, { method: 'GET' }), 401, 'UNAUTHENTICATED');
  });
});
