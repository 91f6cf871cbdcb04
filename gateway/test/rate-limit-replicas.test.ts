import { describe, expect, it } from 'vitest';
import { identity } from '@econtract/identity';
import { loadCommonEnv, startSubgraph, type ServiceUrls } from '@econtract/server-kit';
import { errorCode, type GraphQLResponse, testEnv, useStack } from '@econtract/testkit';
import { loadGatewayEnv, startGateway } from '../src/index.ts';

const stack = useStack();
const AVAILABLE = 'query ($l: String!) { loginIdAvailable(loginId: $l) }';
const LIMIT = 60; // loginIdAvailable per IP and minute (README, limits table)
const count = (results: GraphQLResponse[], code: string) => results.filter((result) => errorCode(result) === code).length;

describe('rate limits across replicas (issue #12)', { timeout: 90_000 }, () => {
  it('holds across replicas: two identity services behind two gateways share one count', async () => {
    // Fixed windows start on the clock: make sure this one lasts for the test.
    const left = 60 - ((Date.now() / 1000) % 60);
    if (left < 15) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 250));
    const env = testEnv();
    const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, subgraph]) => [name, subgraph.url])) as ServiceUrls;
    const second = await startSubgraph(identity, { env: loadCommonEnv(env), databaseUrl: stack.databaseUrl, port: 0, serviceUrls: () => urls });
    const gateway = await startGateway({ env: loadGatewayEnv(env), port: 0, subgraphUrls: { ...urls, identity: second.url } });
    try {
      const ip = '198.51.100.7';
      const ask = async (gatewayUrl: string, loginId: string): Promise<GraphQLResponse> => {
        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ query: AVAILABLE, variables: { l: loginId } }),
        });
        const body = (await response.json()) as Pick<GraphQLResponse, 'data' | 'errors'>;
        return { ...body, status: response.status, headers: response.headers };
      };
      const results = await Promise.all(Array.from({ length: 70 }, (_, i) => ask(i % 2 ? gateway.url : stack.gatewayUrl, `replica-${i}-x`)));
      expect(count(results, 'OK')).toBe(LIMIT);
      expect(count(results, 'RATE_LIMITED')).toBe(10);
      // Both replicas answered, and both refuse now.
      expect(results.filter((_, i) => i % 2 && errorCode(results[i]!) === 'OK').length).toBeGreaterThan(0);
      expect(errorCode(await ask(gateway.url, 'after-x'))).toBe('RATE_LIMITED');
      expect(errorCode(await ask(stack.gatewayUrl, 'after-x'))).toBe('RATE_LIMITED');
    } finally {
      await gateway.stop();
      await second.stop();
    }
  });
});
