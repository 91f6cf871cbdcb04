import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import express from 'express';
import { parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { SubgraphContext } from './context.ts';
import { createOrm, databaseReachable, migrate, type EntityManager, type MikroORM } from './database.ts';
import type { CommonEnv } from './env.ts';
import { AppError, ErrorCode, errorBody, formatError } from './errors.ts';
import { argumentNormalizer } from './input.ts';
import { createHttpApp, listen, logRequests, requestIdOf, type Listening } from './http.ts';
import { internalKeysFor } from './internal-keys.ts';
import { INTERNAL_TOKEN_HEADER, verifyInternalToken, type InternalClaims } from './internal-token.ts';
import { createLogger, type Logger } from './logger.ts';
import { OutboxNotifier, OutboxRelay, type Notifier } from './notifications.ts';
import { runService, subgraphProcessEnv } from './process.ts';
import { shieldFor, type PermissionRules } from './rules.ts';
import { ServiceClient, serviceUrlsFrom, type ServiceUrls } from './service-client.ts';

/** `__resolveReference` per entity type; it skips shield, so each one checks access itself. */
export type ReferenceResolvers = Record<string, (reference: Record<string, unknown>, ctx: SubgraphContext<any>) => unknown>;

/** A handler of `/internal/<route>`: service-to-service only, never in the public supergraph. */
export type InternalRoute = (body: any, ctx: SubgraphContext<any>) => Promise<unknown>;

export interface SubgraphDefinition<Loaders = unknown> {
  /** Service name, also its PostgreSQL schema. */
  name: 'identity' | 'organization' | 'documents' | 'billing';
  entities: Constructor<object>[];
  migrations: Constructor<Migration>[];
  resolvers: NonEmptyArray<Function>;
  /** Entity types no root field reaches (e.g. a type only other subgraphs reference). */
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
  /** graphql-shield rules; see `shieldFor`. */
  permissions: PermissionRules;
  createLoaders(em: EntityManager, viewer: SubgraphContext['viewer']): Loaders;
  internalRoutes?: Record<string, InternalRoute>;
  /** Data every deployment needs (e.g. the plan catalogue); idempotent, run at start-up. */
  seedReference?(em: EntityManager): Promise<void>;
  /** The demo data set for `pnpm dev` and tests; idempotent. */
  seedDemo?(em: EntityManager): Promise<void>;
  /** Background work while the service runs (e.g. sweeping abandoned signups); returns its stop function. */
  background?(running: { createContext: RunningSubgraph['createContext']; log: Logger }): () => void;
}

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/** The subgraph's SDL as composition sees it (`@key` and friends included). */
export async function subgraphSdl(definition: SubgraphDefinition<any>): Promise<string> {
  const schema = await buildTypeGraphqlSchema(definition);
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`;
}

const buildTypeGraphqlSchema = (definition: SubgraphDefinition<any>) =>
  buildSchema({ resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes, skipCheck: true, validate: false });

/** type-graphql resolvers + reference resolvers → a federated schema with shield applied. */
export async function buildFederatedSchema(definition: SubgraphDefinition<any>): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildTypeGraphqlSchema(definition);
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(definition.references ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const federated = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  // Shield first (a stranger learns nothing about validation), then one normalisation of every argument.
  return applyMiddleware(federated, shieldFor(federated, definition.permissions), argumentNormalizer as never);
}

/** Opens the subgraph's ORM and brings its schema up to date: migrations, reference data, demo data. */
export async function prepareDatabase(definition: SubgraphDefinition<any>, url: string, options: { seedDemo?: boolean; log?: Logger } = {}): Promise<MikroORM> {
  const orm = await createOrm({ url, schema: definition.name, entities: definition.entities, migrations: definition.migrations });
  try {
    const applied = await migrate(orm, url, definition.name);
    if (applied.length) options.log?.info({ applied }, 'migrations applied');
    if (definition.seedReference) await definition.seedReference(orm.em.fork());
    if (options.seedDemo && definition.seedDemo) await definition.seedDemo(orm.em.fork());
    return orm;
  } catch (error) {
    await orm.close();
    throw error;
  }
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: MikroORM;
  notifier: Notifier;
  /** Present with SMTP_URL: mails the outbox's committed emails. */
  relay: OutboxRelay | undefined;
  log: Logger;
  /** A context as a resolver would get it, for tests and seeds. */
  createContext(claims?: Partial<InternalClaims>): SubgraphContext<any>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: CommonEnv;
  databaseUrl: string;
  port: number;
  seedDemo?: boolean;
  log?: Logger;
  /** Where the sibling services listen; defaults to the *_URL settings. */
  serviceUrls?: () => ServiceUrls;
}

/** Database, migrations, seeds, then the GraphQL endpoint behind the gateway's internal token. */
export async function startSubgraph<L>(definition: SubgraphDefinition<L>, options: StartOptions): Promise<RunningSubgraph> {
  const log = options.log ?? createLogger(definition.name, options.env.LOG_LEVEL);
  const orm = await prepareDatabase(definition, options.databaseUrl, { seedDemo: options.seedDemo, log });

  const outbox = new OutboxNotifier(definition.name, () => orm.em.fork());
  const notifier: Notifier = outbox;
  const relay = options.env.SMTP_URL
    ? new OutboxRelay(definition.name, () => orm.em.fork(), options.env.SMTP_URL, options.env.MAIL_FROM, (error) => log.error({ err: error }, 'outbox relay failed'))
    : undefined;

  const serviceUrls = options.serviceUrls ?? (() => serviceUrlsFrom(options.env));
  const keys = internalKeysFor(options.env, definition.name);
  const createContext = (claims: Partial<InternalClaims> = {}): SubgraphContext<L> => {
    const em = orm.em.fork();
    const viewer = claims.viewer ?? null;
    const requestId = claims.requestId ?? 'local';
    return {
      em,
      viewer,
      requestId,
      caller: claims.caller ?? 'local',
      client: claims.client ?? { ip: null, userAgent: null },
      log: log.child({ requestId }),
      notifier,
      env: options.env,
      services: new ServiceClient(keys, serviceUrls, claims.requestId),
      loaders: definition.createLoaders(em, viewer),
    };
  };

  const schema = await buildFederatedSchema(definition);
  const app = createHttpApp();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (internal) => log.error({ err: internal }, 'internal error')),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  app.use(logRequests(log));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const ok = await databaseReachable(orm);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unreachable' });
  });

  // Everything below answers only the gateway or a sibling service.
  app.use(async (req, res, next) => {
    const header = req.headers[INTERNAL_TOKEN_HEADER];
    const claims = await verifyInternalToken(keys, typeof header === 'string' ? header : undefined);
    if (!claims) {
      res.status(401).json(errorBody(ErrorCode.UNAUTHENTICATED, 'This service answers only the e-contract gateway. Send requests to the gateway.'));
      return;
    }
    res.locals.claims = { ...claims, requestId: requestIdOf(res) } satisfies InternalClaims;
    next();
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ res }) => createContext(res.locals.claims as InternalClaims) }),
  );

  const routes: Record<string, InternalRoute> = { ...definition.internalRoutes };
  if (options.env.NODE_ENV !== 'production') {
    routes['dev/outbox'] = (_body, ctx) => outbox.list(ctx.em);
  }
  app.post('/internal/{*route}', express.json({ limit: '1mb' }), async (req, res) => {
    const route = routes[(req.params as { route: string[] }).route.join('/')];
    if (!route) return void res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'No such internal route.' } });
    const ctx = createContext(res.locals.claims as InternalClaims);
    try {
      res.json({ data: (await route(req.body, ctx)) ?? null });
    } catch (error) {
      if (error instanceof AppError) return void res.status(422).json({ error: { code: error.code, message: error.message } });
      ctx.log.error({ err: error }, 'internal route failed');
      res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal error.' } });
    }
  });

  let listening: Listening;
  try {
    listening = await listen(httpServer, options.port, options.env.HOST);
  } catch (error) {
    await apollo.stop();
    await orm.close();
    throw error;
  }
  log.info({ url: `${listening.url}/graphql` }, 'subgraph ready');
  const stopBackground = definition.background?.({ createContext, log });
  relay?.start();

  return {
    name: definition.name,
    url: listening.url,
    port: listening.port,
    orm,
    notifier,
    relay,
    log,
    createContext,
    async stop() {
      stopBackground?.();
      await apollo.stop();
      await listening.close();
      await relay?.stop();
      await orm.close();
    },
  };
}

/** `src/main.ts` of every subgraph: one process serving one subgraph. */
export function runSubgraph(definition: SubgraphDefinition<any>, defaultPort: number): Promise<void> {
  return runService(definition.name, async (log) => {
    const env = subgraphProcessEnv(defaultPort);
    return startSubgraph(definition, { env, databaseUrl: env.DATABASE_URL, port: env.PORT, seedDemo: env.SEED_DEMO, log });
  });
}
