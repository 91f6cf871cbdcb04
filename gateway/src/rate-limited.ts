import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@econtract/server-kit';

/**
 * HTTP semantics of RATE_LIMITED: when any error of a response is RATE_LIMITED, the response is
 * 429 with a Retry-After header (the longest `extensions.retryAfter`), as rate-limited HTTP APIs answer.
 */
export const rateLimitedStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const waits = (response.body.singleResult.errors ?? [])
          .filter((error) => error.extensions?.code === ErrorCode.RATE_LIMITED)
          .map((error) => Number(error.extensions?.retryAfter) || 1);
        if (!waits.length) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(Math.max(...waits)));
      },
    };
  },
};
