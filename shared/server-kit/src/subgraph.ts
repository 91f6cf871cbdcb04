import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { Express } from 'express';
import { parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { AnyRouter } from '@trpc/server';
import type { SubgraphContext } from './context.ts';
import { createOrm, databaseReachable, migrate, type EntityManager, type MikroORM, type OrmOptions } from './database.ts';
import { ConfigError, type CommonEnv } from './env.ts';
import { ErrorCode, formatError } from './errors.ts';
import { createHttpApp, graphqlRequest, jsonBody, listen, logRequests, sendError, serveJsonErrors, type Listening } from './http.ts';
import { argumentNormalizer } from './input.ts';
import { internalKeysFor, type InternalKeys } from './internal-keys.ts';
import { internalRouter, mergeInternalRouters, mountInternalRoutes } from './internal-routes.ts';
import { GATEWAY_ONLY_MESSAGE, internalClaimsOf, type InternalClaims } from './internal-token.ts';
import { createLogger, type Logger } from './logger.ts';
import { OutboxNotifier, OutboxRelay, type Notifier } from './notifications.ts';
import { outboxRoutes } from './outbox.routes.ts';
import { DEMO_DATA_IN_PRODUCTION, runService, subgraphProcessEnv } from './process.ts';
import { RateLimiter } from './rate-limit.ts';
import { sealingKey } from './sealed-text.ts';
import { shieldFor, type PermissionRules } from './rules.ts';
import { ServiceClient } from './service-client.ts';
import { serviceNamed, serviceUrlsFrom, type ServiceName, type ServiceUrls } from './services.ts';

/** `__resolveReference` per entity type; it skips shield, so each one checks access itself. */
export type ReferenceResolvers = Record<string, (reference: Record<string, unknown>, ctx: SubgraphContext<any>) => unknown>;

export interface SubgraphDefinition<Loaders = unknown> {
  /** Service name (see `services`), also its PostgreSQL schema. */
  name: ServiceName;
  entities: Constructor<object>[];
  migrations: Constructor<Migration>[];
  resolvers: NonEmptyArray<Function>;
  /** Entity types no root field reaches (e.g. a type only other subgraphs reference). */
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
  /** graphql-shield rules; see `shieldFor`. */
  permissions: PermissionRules;
  createLoaders(em: EntityManager, viewer: SubgraphContext['viewer']): Loaders;
  /** Its internal routes (`internalRouter`, one `<concept>.routes.ts` per concept); service-to-service only. */
  routes?: AnyRouter;
  /** Data every deployment needs (e.g. the plan catalogue); idempotent, run at start-up. */
  seedReference?(em: EntityManager): Promise<void>;
  /** The demo data set for `pnpm dev` and tests; idempotent. */
  seedDemo?(em: EntityManager): Promise<void>;
  /** Raw HTTP endpoints behind the internal token, for bodies that are not JSON (e.g. file bytes); mounted before `/graphql`. */
  httpRoutes?(app: Express, running: { createContext: RunningSubgraph['createContext']; log: Logger; keys: InternalKeys }): void;
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

/** Every subgraph gives the root types the same description, so composition keeps it for the public schema. */
const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: 'The query root of the e-contract API: everything a client can read.',
  Mutation: 'The mutation root of the e-contract API: everything a client can change.',
};

async function buildTypeGraphqlSchema(definition: SubgraphDefinition<any>): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes, skipCheck: true, validate: false });
  // type-graphql has no option for a root type's description.
  for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) root.description = ROOT_DESCRIPTIONS[root.name];
  return schema;
}

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
export async function prepareDatabase(
  definition: SubgraphDefinition<any>,
  url: string,
  options: { seedDemo?: boolean; log?: Logger; queryLogger?: OrmOptions['queryLogger'] } = {},
): Promise<MikroORM> {
  const orm = await createOrm({
    url,
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    queryLogger: options.queryLogger,
  });
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
  /** Sees every SQL statement the service sends (tests count them). */
  queryLogger?: OrmOptions['queryLogger'];
}

/** Database, migrations, seeds, then the GraphQL endpoint behind the gateway's internal token. */
export async function startSubgraph<L>(definition: SubgraphDefinition<L>, options: StartOptions): Promise<RunningSubgraph> {
  if (options.seedDemo && options.env.NODE_ENV === 'production') throw new ConfigError(`Invalid configuration:\n  SEED_DEMO: ${DEMO_DATA_IN_PRODUCTION}`);
  const log = options.log ?? createLogger(definition.name, options.env.LOG_LEVEL);
  const orm = await prepareDatabase(definition, options.databaseUrl, { seedDemo: options.seedDemo, log, queryLogger: options.queryLogger });

  const outboxKey = sealingKey(options.env.OUTBOX_ENCRYPTION_KEY, 'outbox');
  const outbox = new OutboxNotifier(definition.name, () => orm.em.fork(), outboxKey);
  const notifier: Notifier = outbox;
  const relay = options.env.SMTP_URL
    ? new OutboxRelay(
        definition.name,
        () => orm.em.fork(),
        outboxKey,
        options.env.SMTP_URL,
        options.env.MAIL_FROM,
        (error) => log.error({ err: error }, 'outbox relay failed'),
      )
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

  // Everything below answers only the gateway or a sibling service, refused in GraphQL's error shape.
  app.use(async (req, res, next) => {
    if (await internalClaimsOf(keys, req, res)) return next();
    sendError(req, res, 401, ErrorCode.UNAUTHENTICATED, GATEWAY_ONLY_MESSAGE);
  });

  definition.httpRoutes?.(app, { createContext, log, keys });

  app.use(
    '/graphql',
    ...graphqlRequest(),
    expressMiddleware(apollo, { context: async ({ req, res }) => createContext((await internalClaimsOf(keys, req, res))!) }),
  );

  const routes = definition.routes ?? internalRouter({});
  // jsonBody() first: a malformed, oversized or non-JSON body gets the same coded JSON refusal as everywhere else.
  app.use('/internal', ...jsonBody());
  mountInternalRoutes(app, options.env.NODE_ENV === 'production' ? routes : mergeInternalRouters(routes, outboxRoutes(outbox)), { keys, open: createContext });
  serveJsonErrors(app, log);

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
  // Every subgraph: erase outbox bodies past their retention, drop rate-limit counters of past windows.
  const housekeeping = setInterval(() => {
    Promise.all([outbox.eraseExpired(orm.em.fork()), new RateLimiter(definition.name).sweep(orm.em.fork())]).catch((error) =>
      log.error({ err: error }, 'housekeeping failed'),
    );
  }, 60_000);
  housekeeping.unref();

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
      clearInterval(housekeeping);
      await apollo.stop();
      await listening.close();
      await relay?.stop();
      await orm.close();
    },
  };
}

/** `src/main.ts` of every subgraph: one process serving one subgraph, by default on its port in `services`. */
export function runSubgraph(definition: SubgraphDefinition<any>): Promise<void> {
  return runService(definition.name, async (log) => {
    const env = subgraphProcessEnv(serviceNamed(definition.name).port);
    return startSubgraph(definition, { env, databaseUrl: env.DATABASE_URL, port: env.PORT, seedDemo: env.SEED_DEMO, log });
  });
}
