import { describe, expect, it } from 'vitest';
import { productionEnv, startStack, useStack, type Stack } from '@econtract/testkit';
import { OPERATION_LIMITS } from '../src/operation-limits.ts';

const stack = useStack();

const HANGUL = /[가-힣]/;

/** Runs `action` and asserts no subgraph ran a single SQL statement meanwhile (not even the viewer's standing). */
async function noSubgraphWork(action: () => Promise<unknown>) {
  const counts = await stack.countSql(action);
  expect(counts).toEqual({ identity: 0, organization: 0, documents: 0, billing: 0 });
}

async function refusedAsTooComplex(query: string, variables: Record<string, unknown> = {}) {
  const token = await stack.login('demo-admin');
  let result!: Awaited<ReturnType<Stack['graphql']>>;
  await noSubgraphWork(async () => {
    result = await stack.graphql(query, variables, { token });
  });
  expect(result.status).toBe(400);
  expect(result.errors?.map((error) => error.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
  expect(result.data ?? null).toBeNull();
  const korean = await stack.graphql(query, variables, { token, headers: { 'accept-language': 'ko-KR' } });
  expect(korean.errors?.find((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX')?.message).toMatch(HANGUL);
  return result;
}

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${stack.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('operation limits at the gateway', () => {
  it('refuses a query nested too deep', async () => {
    // viewer → company → departments → children → parent → children → … past the limit.
    let selection = '{ id }';
    for (let i = 0; i < OPERATION_LIMITS.maxDepth; i++) selection = `{ id children ${selection} }`;
    const result = await refusedAsTooComplex(`{ viewer { company { departments ${selection} } } }`);
    expect(result.errors?.[0]?.message).toMatch(/more than 10 levels/);
  });

  it('refuses too many aliases: the 2,000-alias attack and anything past the limit', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { company { billing { tier } } }`).join(' ')} }`;
    await refusedAsTooComplex(aliases(OPERATION_LIMITS.maxAliases + 1));
    const resetMails = `mutation { ${Array.from({ length: 200 }, (_, i) => `r${i}: requestPasswordReset(loginId: "demo-admin", email: "x@example.com")`).join(' ')} }`;
    await refusedAsTooComplex(resetMails);
    const allowed = await stack.graphql(aliases(3), {}, { token: await stack.login('demo-admin') });
    expect(allowed.errors).toBeUndefined();
  });

  it('refuses too many directives', async () => {
    await refusedAsTooComplex(`{ plans { code ${Array.from({ length: OPERATION_LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ')} } }`);
  });

  it('refuses a query text with too many tokens before parsing it', async () => {
    const query = `{ plans { ${Array.from({ length: OPERATION_LIMITS.maxTokens }, () => 'code').join(' ')} } }`;
    const result = await refusedAsTooComplex(query);
    expect(result.errors?.[0]?.message).toMatch(/tokens/);
  });

  it('computes the cost from list sizes, multiplies by first (literal or variable), reports it, and refuses above the maximum', async () => {
    const token = await stack.login('demo-admin');
    // plans 1; viewer 1 + company 1 + departments 1 (scalars are free).
    expect(await rawExtensions('{ plans { code } viewer { company { departments { id } } } }', token)).toEqual({
      cost: { requestedQueryCost: 4, maximumAvailable: OPERATION_LIMITS.maxCost },
    });

    const staffPage = 'query ($n: Int!) { staffMembers(first: $n) { edges { node { id department { id } } } } }';
    // 1 + n × (edges 1 + node 1 + department 1)
    expect((await rawExtensions(staffPage, token, { n: 10 })).cost.requestedQueryCost).toBe(31);
    expect((await rawExtensions(staffPage, token, { n: 500 })).cost.requestedQueryCost).toBe(1501);

    const nested = 'query ($n: Int!) { staffMembers(first: $n) { edges { node { department { children { parent { id } } } } } } }';
    // 1 + 500 × (edges 1 + node 1 + department 1 + children (1 + 20 × parent 1)) = 12001: the assumed list size multiplies too.
    const refused = await refusedAsTooComplex(nested, { n: 500 });
    expect(refused.errors?.[0]?.message).toMatch(/cost 12001 points/);
    const body = await (await post(JSON.stringify({ query: nested, variables: { n: 500 } }), { authorization: `Bearer ${token}` })).json();
    expect(body.extensions.cost).toEqual({ requestedQueryCost: 12001, maximumAvailable: OPERATION_LIMITS.maxCost });
  });

  it('refuses batched requests (an array body) with a coded error', async () => {
    const response = await post(JSON.stringify([{ query: '{ plans { code } }' }, { query: '{ plans { code } }' }]));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.data).toBeUndefined();
  });

  it('refuses a body over the size limit and malformed JSON with coded errors, not HTML', async () => {
    const huge = await post(JSON.stringify({ query: '{ plans { code } }', variables: { pad: 'x'.repeat(OPERATION_LIMITS.maxBodyBytes) } }), {
      'accept-language': 'ko',
    });
    expect(huge.status).toBe(413);
    const hugeBody = await huge.json();
    expect(hugeBody.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
    expect(hugeBody.errors[0].message).toMatch(HANGUL);
    const broken = await post('{ "query": ');
    expect(broken.status).toBe(400);
    expect((await broken.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('never shows which subgraph answered (no serviceName or downstream details)', async () => {
    const staff = await stack.login('demo-staff');
    const result = await stack.graphql('{ billingAccount { tier } auditLog { edges { node { id } } } }', {}, { token: staff });
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) {
      expect(Object.keys(error.extensions ?? {}).sort()).toEqual(['code']);
    }
    expect(JSON.stringify(result.errors)).not.toMatch(/serviceName|subquery|from service/i);
  });

  it('offers introspection and "Did you mean" suggestions in development', async () => {
    const schema = await stack.graphql('{ __schema { queryType { name } } }');
    expect(schema.data.__schema.queryType.name).toBe('Query');
    const typo = await stack.graphql('{ plan { code } }');
    expect(typo.errors?.[0]?.message).toMatch(/Did you mean "plans"/);
  });
});

async function rawExtensions(query: string, token: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { extensions: { cost: { requestedQueryCost: number } } }).extensions;
}

describe('in production', () => {
  it('turns introspection and field suggestions off', async () => {
    const production = await startStack({ env: productionEnv() });
    try {
      const schema = await production.graphql('{ __schema { queryType { name } } }');
      expect(schema.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(schema.data ?? null).toBeNull();
      const typeName = await production.graphql('{ __type(name: "Query") { name } }');
      expect(typeName.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await production.graphql('{ plan { code } }');
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean|plans/);
      expect((await production.graphql('{ plans { code } }')).data.plans.length).toBeGreaterThan(0);
    } finally {
      await production.stop();
    }
  });
});
