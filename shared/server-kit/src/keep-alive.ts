import type http from 'node:http';
import { Agent, fetch } from 'undici';

/**
 * How long an idle keep-alive socket between our services lives. A client must give up an idle
 * socket before the server closes it: a request written as the server closes is reset (ECONNRESET,
 * "socket hang up"). So every server waits well past our clients' idle limit.
 */
export interface KeepAliveTimings {
  clientIdleMs: number;
  serverKeepAliveMs: number;
  serverHeadersMs: number;
}

export const KEEP_ALIVE: KeepAliveTimings = {
  /** Gateway → subgraph and service → service calls drop a socket idle this long. */
  clientIdleMs: 30_000,
  /** Servers keep an idle socket longer than our clients (35 s of slack) and than a load balancer's usual 60 s. */
  serverKeepAliveMs: 65_000,
  /** Node's header timer must outlast keep-alive, or a request arriving on a long-idle socket is cut off. */
  serverHeadersMs: 66_000,
};

/** Every server's side of the rule above; `listen` applies it. */
export function applyServerKeepAlive(server: http.Server, timings: KeepAliveTimings = KEEP_ALIVE): void {
  server.keepAliveTimeout = timings.serverKeepAliveMs;
  server.headersTimeout = timings.serverHeadersMs;
}

export type ServiceFetch = typeof fetch & { close(): Promise<void> };

/** `fetch` for calls between our services, over sockets that idle at most `clientIdleMs`. */
export function createServiceFetch(timings: KeepAliveTimings = KEEP_ALIVE): ServiceFetch {
  // keepAliveMaxTimeout also caps a server's Keep-Alive hint, so no socket outlives clientIdleMs.
  const dispatcher = new Agent({ keepAliveTimeout: timings.clientIdleMs, keepAliveMaxTimeout: timings.clientIdleMs });
  const serviceFetch = ((input, init) => fetch(input, { ...init, dispatcher })) as ServiceFetch;
  serviceFetch.close = () => dispatcher.close();
  return serviceFetch;
}

/** The one client every service uses for its siblings (the gateway's subgraph calls, internal routes, readiness). */
export const serviceFetch = createServiceFetch();
