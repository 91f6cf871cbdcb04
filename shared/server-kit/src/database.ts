import 'reflect-metadata';
import pg from 'pg';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { DataloaderType, defineConfig, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Constructor, Logger as OrmLogger } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

export { MikroORM, type EntityManager };

export interface OrmOptions {
  url: string;
  /** The subgraph's own PostgreSQL schema: it reads and writes no other. */
  schema: string;
  entities: Constructor<object>[];
  migrations: Constructor<Migration>[];
  poolSize?: number;
  /** Sees every SQL statement (the test kit counts them); none is given in production. */
  queryLogger?: OrmLogger;
}

/** MikroORM logs nothing itself (services log with pino); a test kit may pass a logger that counts statements. */
const quietOrmLogger: OrmLogger = { log() {}, error() {}, warn() {}, logQuery() {}, setDebugMode() {}, isEnabled: () => false };

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
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
      debug: options.queryLogger ? ['query'] : false,
      loggerFactory: () => options.queryLogger ?? quietOrmLogger,
      allowGlobalContext: false,
    }),
  );
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
