import { describe, expect, it } from 'vitest';
import { startStack } from '@econtract/testkit';

describe('when a subgraph is down', () => {
  it('answers its fields with a masked INTERNAL_SERVER_ERROR while the others still answer', async () => {
    const stack = await startStack();
    try {
      const token = await stack.login('demo-admin');
      await stack.subgraphs.documents.stop();
      const partial = await stack.graphql('{ documentCategories { id } }', {}, { token });
      expect(partial.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const others = await stack.graphql('{ viewer { loginId } plans { code } }', {}, { token });
      expect(others.errors).toBeUndefined();
      expect(others.data.viewer.loginId).toBe('demo-admin');

      await stack.subgraphs.identity.stop();
      const signedIn = await stack.graphql('{ plans { code } }', {}, { token });
      // The viewer cannot be resolved without identity: a coded, retryable refusal, not an internal fault.
      expect(signedIn.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      const anonymous = await stack.graphql('{ plans { code } }');
      expect(anonymous.data?.plans?.length).toBeGreaterThan(0);

      for (const result of [partial, signedIn]) {
        const text = JSON.stringify(result.errors);
        expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|internal call|standing|stack/i);
      }
      expect(partial.errors?.[0]?.message).toMatch(/^Something went wrong on our side/);
      expect(signedIn.errors?.[0]?.message).toMatch(/^A service this request needs did not answer in time/);
    } finally {
      await stack.gateway.stop();
      await Promise.all(['organization', 'billing'].map((name) => stack.subgraphs[name as 'billing'].stop()));
    }
  });
});
