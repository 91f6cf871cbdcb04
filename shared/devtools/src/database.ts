// Creating databases is for `pnpm dev` and the test run; a deployed service is given its database.
import pg from 'pg';

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
