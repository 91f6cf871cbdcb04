// `pnpm bench`: measures what the foundation promises — `pnpm dev` ready in under 15 s (cold, on a
// fresh data folder, and warm, reusing it) — and the latency of the cross-subgraph overview query
// and of the demo company's contract list.
// Needs ports 4000–4004 and EMBEDDED_PG_PORT free. Prints a table; exits non-zero if a target is missed.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '@econtract/demo';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const STARTUP_TARGET_MS = 15_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const GATEWAY = 'http://127.0.0.1:4000';

async function startDev(dataDir: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', '@econtract/server-kit/register', 'shared/devtools/src/dev.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null) throw new Error(`pnpm dev exited early:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyMs = performance.now() - started;
  return {
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${GATEWAY}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const dataDir = await mkdtemp(path.join(tmpdir(), 'econtract-bench-'));
const rows: Array<[string, string, string]> = [];
let failed = false;
try {
  const cold = await startDev(dataDir);
  rows.push(['pnpm dev ready, fresh data folder', `${(cold.readyMs / 1000).toFixed(1)} s`, `< ${STARTUP_TARGET_MS / 1000} s`]);
  failed ||= cold.readyMs > STARTUP_TARGET_MS;
  await cold.stop();

  const warm = await startDev(dataDir);
  rows.push(['pnpm dev ready, reusing data', `${(warm.readyMs / 1000).toFixed(1)} s`, `< ${STARTUP_TARGET_MS / 1000} s`]);
  failed ||= warm.readyMs > STARTUP_TARGET_MS;

  const { login } = await gql('mutation ($l: String!, $p: String!) { login(loginId: $l, password: $p) { accessToken } }', {
    l: 'demo-admin',
    p: DEMO_PASSWORD,
  });
  /** p50 and p95 of `count` sequential runs of a query, after 20 to warm up. */
  const latency = async (query: string, count: number) => {
    for (let i = 0; i < 20; i++) await gql(query, {}, login.accessToken);
    const timings: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await gql(query, {}, login.accessToken);
      timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    return `p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms`;
  };
  const overview = '{ viewer { id loginId company { id name } } plans { code } documentCategories { id } }';
  rows.push([`overview query (4 subgraphs), ${REQUESTS} sequential`, await latency(overview, REQUESTS), 'reported']);
  // The demo company's contract list (documents' demo data) with the nested lookups a list screen shows.
  const contracts =
    '{ contracts(first: 50) { edges { node { managementNumber title status box category { name } author { name department { name } } approver { name } } } } }';
  rows.push([`contract list with category, author, department, approver, ${REQUESTS} sequential`, await latency(contracts, REQUESTS), 'reported']);
  const logins: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await gql('mutation ($l: String!, $p: String!) { login(loginId: $l, password: $p) { accessToken } }', { l: 'demo-admin', p: DEMO_PASSWORD });
    logins.push(performance.now() - t);
  }
  logins.sort((a, b) => a - b);
  rows.push(['login (argon2id m=19 MiB, t=2), 10 sequential', `p50 ${percentile(logins, 50).toFixed(1)} ms`, 'reported']);
  await warm.stop();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

console.log('\n| measure | result | target |\n|---|---|---|');
for (const [measure, result, target] of rows) console.log(`| ${measure} | ${result} | ${target} |`);
process.exit(failed ? 1 : 0);
