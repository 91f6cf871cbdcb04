import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '@econtract/devtools/database';

/** Server URL and template name handed from the global setup to every test file. */
export interface TestDatabaseServer {
  serverUrl: string;
  template: string;
  /** Prefix of every database this run creates, so teardown finds them all. */
  prefix: string;
}

export const newRunPrefix = () => `econtract_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

/** A fresh database cloned from the migrated, seeded template: one per test file. */
export async function cloneTemplate(server: TestDatabaseServer): Promise<string> {
  const name = `${server.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(server.serverUrl, 'postgres') });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${server.template}"`);
        break;
      } catch (error) {
        // 55006: another clone is reading the template right now; it is brief.
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(server.serverUrl, name);
}

export async function dropDatabasesWithPrefix(serverUrl: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await admin.end();
  }
}
