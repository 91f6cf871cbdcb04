// `pnpm dev`: PostgreSQL (embedded unless DATABASE_URL), then the four subgraphs (each migrates and
// seeds its own schema) and the gateway, each as its own process. Ctrl-C stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createLogger, loadCommonEnv, localServiceUrl, services } from '@econtract/server-kit';
import { DEMO_PASSWORD, DemoAccounts } from '@econtract/demo';
import { ensureDatabase, withDatabase } from './database.ts';
import { DEFAULT_DATA_DIR, DEFAULT_EMBEDDED_PORT, startEmbeddedPostgres, type RunningDatabase } from './embedded-postgres.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const started = Date.now();
const log = createLogger('dev');
const env = loadCommonEnv();

const SUBGRAPHS = services.map(({ name, port }) => ({ name, entry: `subgraphs/${name}/src/main.ts`, port }));
const GATEWAY = { name: 'gateway', entry: 'gateway/src/main.ts', port: Number(process.env.PORT ?? 4000) };

let database: RunningDatabase | undefined;
const children: ChildProcess[] = [];
let stopping = false;

async function main() {
  let serverUrl = env.DATABASE_URL;
  if (!serverUrl) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
    const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
    console.log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(ROOT, dataDir) || dataDir}/pg)…`);
    database = await startEmbeddedPostgres({ dataDir, port, log });
    serverUrl = withDatabase(database.url, 'econtract');
  }
  await ensureDatabase(serverUrl);

  const subgraphEnv = { DATABASE_URL: serverUrl, SEED_DEMO: 'true' };
  await Promise.all(SUBGRAPHS.map((subgraph) => startChild(subgraph, { ...subgraphEnv, PORT: String(subgraph.port) })));
  await startChild(GATEWAY, {
    PORT: String(GATEWAY.port),
    ...Object.fromEntries(services.map((service) => [service.urlVariable, localServiceUrl(service)])),
  });

  const base = `http://localhost:${GATEWAY.port}`;
  console.log(`
Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.
  GraphiQL   ${base}/graphiql
  GraphQL    ${base}/graphql
  Outbox     ${base}/dev/outbox
  Demo logins (password ${DEMO_PASSWORD}): ${DemoAccounts.map((a) => a.loginId).join(', ')}
Press Ctrl-C to stop.`);
}

function startChild(service: { name: string; entry: string; port: number }, extraEnv: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', '@econtract/server-kit/register', path.join(ROOT, service.entry)], {
    cwd: ROOT,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => process.stdout.write(`[${service.name}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${service.name}] exited (${signal ?? code}); stopping everything.`);
      void shutdown(1);
    }
  });
  return waitForHealth(`http://127.0.0.1:${service.port}/healthz`, service.name);
}

async function waitForHealth(url: string, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopped');
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  if (database) {
    await database.stop();
    console.log('Embedded PostgreSQL stopped.');
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});
