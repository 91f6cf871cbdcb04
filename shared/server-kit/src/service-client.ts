import type { CommonEnv } from './env.ts';
import { callInternal } from './internal-call.ts';
import type { InternalKeys } from './internal-keys.ts';

export type ServiceName = 'identity' | 'organization' | 'documents' | 'billing';
export type ServiceUrls = Record<ServiceName, string>;

export const serviceUrlsFrom = (env: CommonEnv): ServiceUrls => ({
  identity: env.IDENTITY_URL,
  organization: env.ORGANIZATION_URL,
  documents: env.DOCUMENTS_URL,
  billing: env.BILLING_URL,
});

/** A service's way to call its siblings' `/internal/<route>`; one per request, so the request id follows. */
export class ServiceClient {
  constructor(
    /** This service's own keys: siblings see who calls, and no call can speak for a viewer. */
    private readonly keys: InternalKeys,
    /** Read at call time: tests start services on free ports one after another. */
    private readonly urls: () => ServiceUrls,
    private readonly requestId: string | undefined,
  ) {}

  call<T>(service: ServiceName, route: string, body: unknown, options: { idempotencyKey?: string } = {}): Promise<T> {
    return callInternal<T>(this.urls()[service], route, body, { keys: this.keys, requestId: this.requestId, ...options });
  }
}
