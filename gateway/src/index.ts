import http from 'node:http';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  bearerToken,
  callInternal,
  createHttpApp,
  createLogger,
  ErrorCode,
  formatError,
  KOREAN_MESSAGE_EXTENSION,
  INTERNAL_TOKEN_HEADER,
  internalKeysFor,
  type InternalKeys,
  listen,
  localizeErrors,
  logRequests,
  prefersKorean,
  REQUEST_ID_HEADER,
  requestIdOf,
  signInternalToken,
  type Logger,
  type OutboxEntry,
  type ClientInfo,
  type Viewer,
} from '@econtract/server-kit';
import express from 'express';
import { readSupergraphSdl } from './composition.ts';
import { exceedsTokenLimit, OPERATION_LIMITS, operationLimits, publicError } from './operation-limits.ts';
import type { GatewayEnv } from './env.ts';
import { mountGraphiql } from './graphiql.ts';
import { mountReceipts } from './receipts.ts';
import { SUBGRAPHS, type SubgraphName, type SubgraphUrls } from './subgraphs.ts';
import { resolveViewer } from './viewer.ts';

export { loadGatewayEnv, type GatewayEnv } from './env.ts';
export { composeSupergraph } from './composition.ts';
export { SUBGRAPHS, type SubgraphUrls } from './subgraphs.ts';

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
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const viewer = 'viewer' in context ? (context.viewer ?? null) : null;
    const requestId = 'requestId' in context ? context.requestId : undefined;
    const client = 'client' in context ? context.client : undefined;
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await signInternalToken(this.keys, { viewer, requestId, client }));
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

export const subgraphUrlsFrom = (env: GatewayEnv): SubgraphUrls => ({
  identity: env.IDENTITY_URL,
  organization: env.ORGANIZATION_URL,
  documents: env.DOCUMENTS_URL,
  billing: env.BILLING_URL,
});

export interface GatewayOptions {
  env: GatewayEnv;
  port: number;
  /** Where each subgraph listens; overrides the URLs written in the supergraph. */
  subgraphUrls: SubgraphUrls;
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
  const buildService = ({ name }: { name: string }) => new SubgraphDataSource(`${subgraphUrls[name as SubgraphName]}/graphql`, keys);
  const gateway =
    env.SUPERGRAPH_MODE === 'dynamic'
      ? new ApolloGateway({
          buildService,
          supergraphSdl: new IntrospectAndCompose({ subgraphs: SUBGRAPHS.map(({ definition }) => ({ name: definition.name, url: `${subgraphUrls[definition.name]}/graphql` })) }),
        })
      : new ApolloGateway({ buildService, supergraphSdl: await readSupergraphSdl() });

  const app = createHttpApp();
  if (env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  const httpServer = http.createServer(app);
  const production = env.NODE_ENV === 'production';
  const limits = operationLimits(production);
  /** Limits first, then the viewer: a refused operation costs no subgraph a single call. */
  const admission: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          limits.checkCost(requestContext);
          const context = requestContext.contextValue;
          context.viewer = await resolveViewer(context.accessToken, env, subgraphUrls, context.requestId);
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
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ...limits.plugins, admission, localizedErrors],
  });
  await apollo.start();
  let supergraphLoaded = true;

  app.use(logRequests(log));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
        return [name, ok ? 'ready' : 'unavailable'] as const;
      }),
    );
    const ready = supergraphLoaded && checks.every(([, state]) => state === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', supergraph: supergraphLoaded ? 'loaded' : 'missing', subgraphs: Object.fromEntries(checks) });
  });
  mountGraphiql(app);
  mountReceipts(app, env, subgraphUrls, log);

  if (env.NODE_ENV !== 'production') {
    // Dev mail outbox: what the local notifier stored instead of sending, newest first.
    app.get('/dev/outbox', async (_req, res) => {
      const lists = await Promise.all(
        Object.values(subgraphUrls).map((url) =>
          callInternal<OutboxEntry[] | null>(url, 'dev/outbox', {}, { keys }).catch(() => []),
        ),
      );
      const messages = lists
        .flatMap((list) => list ?? [])
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(({ channel, to, subject, text, createdAt }) => ({ channel, to, subject, text, createdAt }));
      res.json(messages);
    });
  }

  /** A refusal made before GraphQL runs, in GraphQL's error shape and the client's language. */
  const refuse = (req: express.Request, res: express.Response, status: number, code: string, en: string, ko: string) =>
    void res.status(status).json({ errors: localizeErrors([{ message: en, extensions: { code, [KOREAN_MESSAGE_EXTENSION]: ko } }], prefersKorean(req.headers['accept-language'])) });

  app.use(
    '/graphql',
    express.json({ limit: OPERATION_LIMITS.maxBodyBytes }),
    // Body-parser failures (too large, not JSON) answered as coded errors instead of Express's HTML page.
    (error: { type?: string; status?: number }, req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (error.type === 'entity.too.large') {
        return refuse(req, res, 413, 'BAD_REQUEST', `The request body is larger than ${OPERATION_LIMITS.maxBodyBytes / 1024} KB.`, `요청 본문이 ${OPERATION_LIMITS.maxBodyBytes / 1024}KB를 넘습니다.`);
      }
      if (error.status && error.status < 500) return refuse(req, res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.', '요청 본문이 올바른 JSON이 아닙니다.');
      next(error);
    },
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (Array.isArray(req.body)) {
        return refuse(req, res, 400, 'BAD_REQUEST', 'Send one operation per request; batched requests are not accepted.', '요청 하나에 작업 하나만 보내 주세요. 여러 작업을 묶은 요청은 받지 않습니다.');
      }
      const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
      if (typeof query === 'string' && exceedsTokenLimit(query)) {
        return refuse(req, res, 400, ErrorCode.QUERY_TOO_COMPLEX, `The query is longer than ${OPERATION_LIMITS.maxTokens} tokens.`, `쿼리가 토큰 ${OPERATION_LIMITS.maxTokens}개를 넘습니다.`);
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
