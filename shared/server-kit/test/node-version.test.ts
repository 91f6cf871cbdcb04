import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, REQUIRED_NODE } from '@econtract/server-kit/node-version';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PRETEND = path.join(import.meta.dirname, 'fixtures/pretend-node-version.mjs');

/** Runs `node` with a preload that makes it report `version`; never throws, resolves with the outcome. */
function runPretending(version: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', PRETEND, ...args],
      { cwd: ROOT, env: { ...process.env, PRETEND_NODE_VERSION: version, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('the Node.js version check', () => {
  it('accepts 22.12 and later', () => {
    for (const version of ['22.12.0', 'v22.12.0', '22.20.1', '23.0.0', 'v24.21.0', '25.0.0-nightly20260101'])
      expect(nodeVersionProblem(version), version).toBeUndefined();
  });

  it('refuses older versions, saying which is needed and how to get it, in English and Korean', () => {
    for (const version of ['22.11.0', 'v20.20.2', '18.19.1', '0.12.18', 'not a version']) {
      const problem = nodeVersionProblem(version);
      expect(problem, version).toContain(`needs Node.js >= 22.12 (24 LTS recommended); this is Node.js ${version}.`);
      expect(problem).toContain('nvm install 24');
      expect(problem).toContain('README.md, section "Getting Node.js 24 on an older machine"');
      expect(problem).toContain('Node.js 22.12 이상');
    }
  });

  it('agrees with package.json engines, .npmrc engine-strict, .nvmrc and the README', () => {
    const engines = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines;
    expect(engines).toEqual({ node: `>=${REQUIRED_NODE.major}.${REQUIRED_NODE.minor}` });
    expect(engines.node).toBe('>=22.12');
    // pnpm refuses install and `pnpm <script>` on an older Node.js only with engine-strict.
    const npmrc = readFileSync(path.join(ROOT, '.npmrc'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    expect(npmrc).toContain('engine-strict=true');
    expect(Number(readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim())).toBeGreaterThanOrEqual(REQUIRED_NODE.major);
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('### Getting Node.js 24 on an older machine');
  });

  it('stops every `node --import @econtract/server-kit/register` script on an old Node.js before it starts', async () => {
    const old = await runPretending('20.20.2', ['--import', '@econtract/server-kit/register', '-e', "console.log('started')"]);
    expect(old.code).toBe(1);
    expect(old.stdout).toBe('');
    expect(old.stderr).toContain('needs Node.js >= 22.12 (24 LTS recommended); this is Node.js 20.20.2.');
    expect(old.stderr).not.toMatch(/\n\s+at /);

    const enough = await runPretending('22.12.0', ['--import', '@econtract/server-kit/register', '-e', "console.log('started')"]);
    expect(enough).toMatchObject({ code: 0, stdout: 'started\n' });
  });

  it('stops vitest on an old Node.js while it reads its config', async () => {
    const old = await runPretending('22.11.0', [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'no-test-file-has-this-name']);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('needs Node.js >= 22.12 (24 LTS recommended); this is Node.js 22.11.0.');
  }, 60_000);
});
