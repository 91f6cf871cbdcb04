// vitest globalSetup: one PostgreSQL for the run (DATABASE_URL, else embedded), one migrated and
// seeded template database; each test file clones it (see stack.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type RunningDatabase } from '@econtract/devtools/embedded-postgres';
import { ensureDatabase, withDatabase } from '@econtract/devtools/database';
import { prepareDatabase } from '@econtract/server-kit';
import { freePort } from './ports.ts';
import { dropDatabasesWithPrefix, newRunPrefix, type TestDatabaseServer } from './database.ts';
import { subgraphDefinitions } from './subgraphs.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseServer: TestDatabaseServer;
  }
}

export default async function setup(project: TestProject) {
  let embedded: RunningDatabase | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'econtract-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    serverUrl = embedded.url;
  }
  const prefix = newRunPrefix();
  const template = `${prefix}_template`;
  const templateUrl = withDatabase(serverUrl, template);
  await ensureDatabase(templateUrl);
  for (const definition of subgraphDefinitions()) {
    const orm = await prepareDatabase(definition, templateUrl, { seedDemo: true });
    await orm.close();
  }
  project.provide('testDatabaseServer', { serverUrl, template, prefix });

  return async () => {
    await dropDatabasesWithPrefix(serverUrl, prefix);
    if (embedded) await embedded.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
