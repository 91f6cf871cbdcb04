import { internalClient, type InternalClient } from './internal-call.ts';
import type { InternalKeys } from './internal-keys.ts';
import type { ServedRoutes, ServiceOf } from './internal-routes.ts';
import type { ServiceUrls } from './services.ts';

/** A service's way to call its siblings' internal routes; one per request, so the request id follows. */
export class ServiceClient {
  constructor(
    /** This service's own keys: siblings see who calls, and no call can speak for a viewer. */
    private readonly keys: InternalKeys,
    /** Read at call time: tests start services on free ports one after another. */
    private readonly urls: () => ServiceUrls,
    private readonly requestId: string | undefined,
    private readonly timeoutMs?: number,
  ) {}

  /** `ctx.services.to<BillingRoutes>('billing').grant.event.mutate(input)`, with `import type { BillingRoutes }`. */
  to<R extends ServedRoutes>(service: ServiceOf<R>): InternalClient<R> {
    return internalClient<R>(this.urls()[service], { keys: this.keys, requestId: this.requestId, timeoutMs: this.timeoutMs });
  }
}
