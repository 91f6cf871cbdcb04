import http from 'node:http';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  AppError,
  bearerToken,
  createHttpApp,
  createLogger,
  formatError,
  graphqlRequest,
  INTERNAL_TOKEN_HEADER,
  listen,
  localizeErrors,
  logRequests,
  prefersKorean,
  REQUEST_ID_HEADER,
  requestIdOf,
  serveJsonErrors,
  serviceFetch,
  serviceNames,
  ServiceClient,
  signInternalToken,
  type Logger,
  type OutboxRoutes,
  type ClientInfo,
  type ServiceName,
  type ServiceUrls,
  type Viewer,
} from '@econtract/server-kit';
import express from 'express';
import type { GatewayEnv } from './env.ts';
import { mountGraphiql } from './graphiql.ts';
import { mountFiles } from './files.ts';
import { mountReceipts } from './receipts.ts';
import { readSupergraphSdl } from './supergraph.ts';
import { resolveViewer } from './viewer.ts';

export { loadGatewayEnv, type GatewayEnv } from './env.ts';

export interface GatewayContext {
  viewer: Viewer | null;
  requestId: string;
  client: ClientInfo;
}

/** Every subgraph call carries a fresh internal token with the viewer the gateway resolved. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
  ) {
    // The kit's client: idle sockets are dropped before a subgraph may close them (no ECONNRESET).
    super({ url, fetcher: serviceFetch });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const viewer = 'viewer' in context ? (context.viewer ?? null) : null;
    const requestId = 'requestId' in context ? context.requestId : undefined;
    const client = 'client' in context ? context.client : undefined;
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await signInternalToken(this.secret, { caller: 'gateway', viewer, requestId, client }));
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }
}

/** Korean or English messages by the client's Accept-Language (English by default); see errors.ts. */
const localizedErrors: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = localizeErrors(response.body.singleResult.errors, prefersKorean(request.http?.headers.get('accept-language')));
      },
    };
  },
};

export interface GatewayOptions {
  env: GatewayEnv;
  port: number;
  /** Where each subgraph listens (`serviceUrlsFrom(env)`); overrides the URLs written in the supergraph. */
  subgraphUrls: ServiceUrls;
  log?: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { env, subgraphUrls } = options;
  const log = options.log ?? createLogger('gateway', env.LOG_LEVEL);
  const buildService = ({ name }: { name: string }) => new SubgraphDataSource(`${subgraphUrls[name as ServiceName]}/graphql`, env.INTERNAL_TOKEN_SECRET);
  const gateway =
    env.SUPERGRAPH_MODE === 'dynamic'
      ? new ApolloGateway({
          buildService,
          // Asks each running subgraph for its SDL over HTTP (with an internal token, through buildService).
          supergraphSdl: new IntrospectAndCompose({ subgraphs: serviceNames.map((name) => ({ name, url: `${subgraphUrls[name]}/graphql` })) }),
        })
      : new ApolloGateway({ buildService, supergraphSdl: await readSupergraphSdl() });

  const app = createHttpApp();
  if (env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (internal) => log.error({ err: internal }, 'internal error')),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), localizedErrors],
  });
  await apollo.start();
  let supergraphLoaded = true;

  app.use(logRequests(log));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        const ok = await serviceFetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
        return [name, ok ? 'ready' : 'unavailable'] as const;
      }),
    );
    const ready = supergraphLoaded && checks.every(([, state]) => state === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', supergraph: supergraphLoaded ? 'loaded' : 'missing', subgraphs: Object.fromEntries(checks) });
  });
  mountGraphiql(app);
  const servicesFor = (requestId: string) => new ServiceClient('gateway', env.INTERNAL_TOKEN_SECRET, () => subgraphUrls, requestId);
  mountReceipts(app, servicesFor, env.INTERNAL_TOKEN_SECRET, log);
  mountFiles(app, () => subgraphUrls, env.INTERNAL_TOKEN_SECRET, log);

  if (env.NODE_ENV !== 'production') {
    // Dev mail outbox: what the local notifier stored instead of sending, newest first.
    app.get('/dev/outbox', async (_req, res) => {
      const services = servicesFor(requestIdOf(res));
      const lists = await Promise.all(serviceNames.map((name) => services.to<OutboxRoutes>(name).outbox.list.query().catch(() => [])));
      const messages = lists
        .flat()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(({ channel, to, subject, text, createdAt }) => ({ channel, to, subject, text, createdAt }));
      res.json(messages);
    });
  }

  app.use(
    '/graphql',
    ...graphqlRequest(),
    // The viewer is resolved before GraphQL runs, so a refusal is answered here in the client's language.
    async (req, res, next) => {
      const requestId = requestIdOf(res);
      try {
        res.locals.viewer = await resolveViewer(bearerToken(req), env, servicesFor(requestId));
        next();
      } catch (error) {
        const korean = prefersKorean(req.headers['accept-language']);
        const known = error instanceof AppError;
        const formatted = formatError({ message: known ? error.message : 'internal', extensions: known ? error.extensions : {} }, error, (internal) =>
          log.error({ err: internal, requestId }, 'viewer resolution failed'),
        );
        const { http: _http, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
        res.status(known ? 401 : 500).json({ errors: localizeErrors([{ ...formatted, extensions }], korean) });
      }
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        requestId: requestIdOf(res),
        client: { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null },
        viewer: res.locals.viewer as Viewer | null,
      }),
    }),
  );

  serveJsonErrors(app, log);

  const listening = await listen(httpServer, options.port, env.HOST);
  log.info({ graphql: `${listening.url}/graphql`, graphiql: `${listening.url}/graphiql` }, 'gateway ready');
  return {
    url: listening.url,
    port: listening.port,
    async stop() {
      supergraphLoaded = false;
      await apollo.stop();
      await listening.close();
    },
  };
}
