import 'reflect-metadata';
import pg from 'pg';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { DataloaderType, defineConfig, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Constructor, LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

export { MikroORM, type EntityManager };

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
