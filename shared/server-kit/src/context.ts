import type { EntityManager } from './database.ts';
import type { CommonEnv } from './env.ts';
import type { Logger } from './logger.ts';
import type { Notifier } from './notifications.ts';
import type { ClientInfo } from './internal-token.ts';
import type { ServiceClient } from './service-client.ts';
import type { Viewer } from './viewer.ts';

/** What every resolver of every subgraph receives; built fresh for each request. */
export interface SubgraphContext<Loaders = unknown> {
  /** A fork of the subgraph's EntityManager: its identity map lives and dies with the request. */
  em: EntityManager;
  /** DataLoaders made for this request only, so nothing cached leaks to the next one. */
  loaders: Loaders;
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  notifier: Notifier;
  /** Settings parsed once at start-up. */
  env: CommonEnv;
  /** The gateway or service that called; internal routes use it to tell callers apart. */
  caller: string;
  /** The end user's IP and user agent, forwarded by the gateway. */
  client: ClientInfo;
  /** Calls to sibling services' internal routes, carrying this request's id. */
  services: ServiceClient;
}
