import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, freePort, useStack } from '@econtract/testkit';

const stack = useStack();
const ROOT = path.resolve(import.meta.dirname, '../../..');

/** `pnpm sdk:example` as a child process; resolves with its exit code and output, never throws. */
function runExample(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', '@econtract/server-kit/register', 'shared/sdk/examples/login-and-query.ts'],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('pnpm sdk:example', () => {
  it('signs in and prints the cross-subgraph overview', async () => {
    const result = await runExample({ ECONTRACT_URL: `${stack.gatewayUrl}/graphql` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Signed in as 김총괄 (demo-admin)');
    expect(result.stdout).toContain('Company: 데모전자(주)');
    expect(result.stdout).toContain('Plan SOHO: 30 contracts, 99,000원, 12 months');
  });

  it('with no gateway running, says in one line to start `pnpm dev` and exits non-zero, with no stack trace', async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const result = await runExample({ ECONTRACT_URL: url });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Cannot reach the gateway at ${url} — start \`pnpm dev\` first. / 게이트웨이(${url})에 연결할 수 없습니다. 먼저 \`pnpm dev\`를 실행하세요.\n`,
    );
  });

  it("prints the gateway's coded refusal in one line when the sign-in is refused", async () => {
    const result = await runExample({ ECONTRACT_URL: `${stack.gatewayUrl}/graphql`, ECONTRACT_PASSWORD: `${DEMO_PASSWORD}-wrong` });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^The gateway refused: .+ \(UNAUTHENTICATED\)\n$/);
  });
});
