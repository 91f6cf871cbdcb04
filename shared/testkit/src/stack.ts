import { randomInt } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { LoginDocument } from '@econtract/sdk';
import { afterAll, beforeAll, inject } from 'vitest';
import { DEMO_PASSWORD } from '@econtract/demo';
import { SqlStatementCounter } from './sql-statements.ts';
import { loadGatewayEnv, startGateway, type RunningGateway } from '@econtract/gateway';
import {
  INTERNAL_TOKEN_HEADER,
  internalKeysFor,
  loadCommonEnv,
  ServiceClient,
  signInternalToken,
  startSubgraph,
  type InternalCaller,
  type InternalClient,
  type InternalKeys,
  type RunningSubgraph,
  type ServedRoutes,
  type ServiceName,
  type ServiceOf,
  type ServiceUrls,
  type Viewer,
} from '@econtract/server-kit';
import { cloneTemplate } from './database.ts';
import { subgraphDefinitions } from './subgraphs.ts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

export interface Stack {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphs: Record<ServiceName, RunningSubgraph>;
  gateway: RunningGateway;
  /** POSTs one operation to the gateway's /graphql, as a client would: a typed SDK document where one exists, else a query string. */
  // `data` is typed as present: a test that reads it after an error fails on that read anyway.
  graphql<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<TData> & { data: TData }>;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  /** Signs in through the gateway and returns the access token (demo password by default). */
  login(loginId: string, password?: string): Promise<string>;
  /**
   * A subgraph's internal routes, called as a sibling service would (`caller` names that service and
   * signs with its key): `stack.internal<BillingRoutes>('billing', { caller: 'identity' }).grant.event.mutate(input)`.
   */
  internal<R extends ServedRoutes>(service: ServiceOf<R>, options?: { caller?: InternalCaller; timeoutMs?: number }): InternalClient<R>;
  /** The keys a service of this stack signs internal tokens with, for tests that sign or forge tokens themselves. */
  internalKeys(caller: InternalCaller): InternalKeys;
  /** The secret the gateway signs short-lived links with (receipts, uploads, downloads), for tests that forge or expire one. */
  linkSecret: string;
  /** Calls one subgraph directly, as the gateway would, on behalf of `viewer` (e.g. `_entities`). */
  subgraphGraphql<T = any>(
    name: keyof Stack['subgraphs'],
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): Promise<GraphQLResponse<T>>;
  /** What the local notifier stored (GET /dev/outbox), newest first; optionally only messages to `to`. */
  outbox(to?: string): Promise<Array<{ channel: 'email' | 'sms'; to: string; subject: string; text: string; createdAt: string }>>;
  /** Runs SQL on this file's database (any schema), for arranging and checking rows. */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** SQL statements each subgraph sent while `action` ran (run nothing else meanwhile). */
  countSql(action: () => Promise<unknown>): Promise<Record<keyof Stack['subgraphs'], number>>;
  stop(): Promise<void>;
}

/**
 * Settings every test stack uses: quiet logs, test mode, no SMTP unless a test sets it. The gateway
 * trusts the loopback proxy, so a test can say which client IP a request comes from (X-Forwarded-For).
 */
export const testEnv = (overrides: Record<string, string> = {}) => ({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TRUST_PROXY: 'loopback', ...overrides });

/**
 * A random client IP for a request that names none: per-IP rate limits then bind the tests of those
 * limits, which name their IP, and not every other test that happens to run from loopback.
 */
export const randomClientIp = () => `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/**
 * The four subgraphs and the gateway in this process on free ports, over this test file's own
 * database (a clone of the migrated, seeded template).
 */
export async function startStack(options: { env?: Record<string, string> } = {}): Promise<Stack> {
  const databaseUrl = await cloneTemplate(inject('testDatabaseServer'));
  const source = testEnv(options.env);
  const env = loadCommonEnv(source);
  const started: RunningSubgraph[] = [];
  const statements: SqlStatementCounter[] = [];
  // Subgraphs start one by one on free ports; each looks its siblings up at call time.
  const serviceUrls = () => Object.fromEntries(started.map((subgraph) => [subgraph.name, subgraph.url])) as ServiceUrls;
  try {
    for (const definition of subgraphDefinitions()) {
      const queryLogger = new SqlStatementCounter();
      started.push(await startSubgraph(definition, { env, databaseUrl, port: 0, serviceUrls, queryLogger }));
      statements.push(queryLogger);
    }
  } catch (error) {
    await Promise.all(started.map((subgraph) => subgraph.stop()));
    throw error;
  }
  const subgraphs = Object.fromEntries(started.map((subgraph) => [subgraph.name, subgraph])) as Stack['subgraphs'];
  const gateway = await startGateway({ env: loadGatewayEnv(source), port: 0, subgraphUrls: serviceUrls() });

  const graphql = (async (operation: string | TypedDocumentNode, variables?: Record<string, unknown>, requestOptions: RequestOptions = {}) => {
    const query = typeof operation === 'string' ? operation : print(operation);
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(requestOptions.token ? { authorization: `Bearer ${requestOptions.token}` } : {}),
        'x-forwarded-for': randomClientIp(),
        ...requestOptions.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: GraphQLResponse['errors'] };
    return { status: response.status, data: body.data as never, errors: body.errors, headers: response.headers };
  }) as Stack['graphql'];

  const subgraphGraphql: Stack['subgraphGraphql'] = async (name, query, variables, viewer = null) => {
    const token = await signInternalToken(internalKeysFor(env, 'gateway'), { viewer, requestId: undefined });
    const response = await fetch(`${subgraphs[name].url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: GraphQLResponse['errors'] };
    return { status: response.status, data: body.data as never, errors: body.errors, headers: response.headers };
  };

  return {
    gatewayUrl: gateway.url,
    subgraphGraphql,
    internalKeys: (caller) => internalKeysFor(env, caller),
    linkSecret: env.INTERNAL_TOKEN_SECRET,
    internal<R extends ServedRoutes>(service: ServiceOf<R>, options: { caller?: InternalCaller; timeoutMs?: number } = {}) {
      return new ServiceClient(internalKeysFor(env, options.caller ?? 'gateway'), serviceUrls, undefined, options.timeoutMs).to<R>(service);
    },
    databaseUrl,
    subgraphs,
    gateway,
    graphql,
    async login(loginId, password = DEMO_PASSWORD) {
      const result = await graphql(LoginDocument, { loginId, password });
      if (!result.data?.login) throw new Error(`login as ${loginId} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.accessToken;
    },
    async outbox(to) {
      const messages = (await (await fetch(`${gateway.url}/dev/outbox`)).json()) as Awaited<ReturnType<Stack['outbox']>>;
      return to ? messages.filter((message) => message.to === to) : messages;
    },
    sql(query, params = []) {
      return subgraphs.identity.orm.em.getConnection().execute(query, params as unknown[]);
    },
    async countSql(action) {
      const before = statements.map((counter) => counter.count);
      await action();
      return Object.fromEntries(started.map((subgraph, i) => [subgraph.name, statements[i]!.count - before[i]!])) as never;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((subgraph) => subgraph.stop()));
    },
  };
}

/**
 * The usual test file setup: the stack starts before the file's tests and stops after them. The
 * returned object forwards to the running stack, so tests use it like the Stack itself.
 */
export function useStack(options: { env?: Record<string, string> } = {}): Stack {
  let current: Stack | undefined;
  beforeAll(async () => {
    current = await startStack(options);
  });
  afterAll(() => current?.stop());
  return new Proxy({} as Stack, {
    get(_target, key) {
      if (!current) throw new Error('The test stack runs only inside tests and hooks (useStack starts it in beforeAll).');
      return current[key as keyof Stack];
    },
  });
}
