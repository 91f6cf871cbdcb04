import http from 'node:http';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  bearerToken,
  createHttpApp,
  createLogger,
  ErrorCode,
  formatError,
  graphqlRequest,
  INTERNAL_TOKEN_HEADER,
  internalKeysFor,
  type InternalKeys,
  listen,
  localizeErrors,
  logRequests,
  msg,
  prefersKorean,
  REQUEST_ID_HEADER,
  requestIdOf,
  sendError,
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
import type express from 'express';
import { exceedsTokenLimit, isLargeInputOperation, OPERATION_LIMITS, operationLimits, publicError } from './operation-limits.ts';
import type { GatewayEnv } from './env.ts';
import { mountGraphiql } from './graphiql.ts';
import { rateLimitedStatus } from './rate-limited.ts';
import { mountFiles } from './files.ts';
import { mountReceipts } from './receipts.ts';
import { readSupergraphSdl } from './supergraph.ts';
import { resolveViewer } from './viewer.ts';

export { loadGatewayEnv, type GatewayEnv } from './env.ts';

export interface GatewayContext {
  /** Resolved once the operation passed every limit, just before the gateway plans it. */
  viewer: Viewer | null;
  accessToken: string | undefined;
  requestId: string;
  client: ClientInfo;
}

/** Every subgraph call carries a fresh internal token with the viewer the gateway resolved. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly keys: InternalKeys,
  ) {
    // The kit's client: idle sockets are dropped before a subgraph may close them (no ECONNRESET).
    super({ url, fetcher: serviceFetch });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const viewer = 'viewer' in context ? (context.viewer ?? null) : null;
    const requestId = 'requestId' in context ? context.requestId : undefined;
    const client = 'client' in context ? context.client : undefined;
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await signInternalToken(this.keys, { viewer, requestId, client }));
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }

  /**
   * A subgraph answers a variable it cannot coerce (a custom scalar such as DateTimeISO, which the
   * gateway passes on unchecked) with HTTP 400 and BAD_USER_INPUT: relay that refusal, which the
   * data source would otherwise turn into an internal error.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await this.parseBody(response.clone())) as { errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> } | string;
      const refusal = typeof body === 'object' ? body.errors?.find((error) => error.extensions?.code === ErrorCode.BAD_USER_INPUT) : undefined;
      if (refusal && typeof refusal.message === 'string') return new GraphQLError(refusal.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return super.errorFromResponse(response);
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
  // Only the gateway holds its private key, so only it can sign a token that names a viewer.
  const keys = internalKeysFor(env, 'gateway');
  const buildService = ({ name }: { name: string }) => new SubgraphDataSource(`${subgraphUrls[name as ServiceName]}/graphql`, keys);
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
  const servicesFor = (requestId: string) => new ServiceClient(keys, () => subgraphUrls, requestId);
  const production = env.NODE_ENV === 'production';
  const limits = operationLimits(production);
  /** Limits first, then the viewer: a refused operation costs no subgraph a single call. */
  const admission: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          limits.checkCost(requestContext);
          const context = requestContext.contextValue;
          context.viewer = await resolveViewer(context.accessToken, env, servicesFor(context.requestId));
        },
      };
    },
  };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Schema discovery is for developers; production clients use the published SDK and schema file.
    introspection: !production,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules as never,
    formatError: (formatted, error) => formatError(publicError(formatted, error), error, (internal) => log.error({ err: internal }, 'internal error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      admission,
      localizedErrors,
      rateLimitedStatus,
    ],
  });
  await apollo.start();
  let supergraphLoaded = true;

  app.use(logRequests(log));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        const ok = await serviceFetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.ok,
          () => false,
        );
        return [name, ok ? 'ready' : 'unavailable'] as const;
      }),
    );
    const ready = supergraphLoaded && checks.every(([, state]) => state === 'ready');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', supergraph: supergraphLoaded ? 'loaded' : 'missing', subgraphs: Object.fromEntries(checks) });
  });
  mountGraphiql(app);
  mountReceipts(app, servicesFor, env.INTERNAL_TOKEN_SECRET, log);
  mountFiles(app, () => subgraphUrls, env.INTERNAL_TOKEN_SECRET, keys, log);

  if (env.NODE_ENV !== 'production') {
    // Dev mail outbox: what the local notifier stored instead of sending, newest first.
    app.get('/dev/outbox', async (_req, res) => {
      const services = servicesFor(requestIdOf(res));
      const lists = await Promise.all(
        serviceNames.map((name) =>
          services
            .to<OutboxRoutes>(name)
            .outbox.list.query()
            .catch(() => []),
        ),
      );
      const messages = lists
        .flat()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(({ channel, to, subject, text, createdAt }) => ({ channel, to, subject, text, createdAt }));
      res.json(messages);
    });
  }

  app.use(
    '/graphql',
    ...graphqlRequest({
      maxBodyBytes: OPERATION_LIMITS.maxBodyBytes,
      largeBodies: { maxBytes: OPERATION_LIMITS.maxBulkBodyBytes, mayBeLarge: (req) => Boolean(bearerToken(req)), allowed: isLargeInputOperation },
    }),
    // Query text over the token limit is refused before it is parsed (batches are refused by graphqlRequest).
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
      if (typeof query === 'string' && exceedsTokenLimit(query)) {
        return sendError(
          req,
          res,
          400,
          ErrorCode.QUERY_TOO_COMPLEX,
          msg(`The query is longer than ${OPERATION_LIMITS.maxTokens} tokens.`, `쿼리가 토큰 ${OPERATION_LIMITS.maxTokens}개를 넘습니다.`),
        );
      }
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        requestId: requestIdOf(res),
        client: { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null },
        accessToken: bearerToken(req),
        viewer: null,
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
