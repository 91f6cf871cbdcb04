import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useStack } from '@econtract/testkit';

const stack = useStack();
const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = (env: Record<string, string>) =>
  promisify(execFile)(process.execPath, ['--import', '@econtract/server-kit/register', 'subgraphs/identity/scripts/create-operator.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: stack.databaseUrl, ...env },
  });

describe('pnpm operator:create (R-LOGIN-3: operators come from configuration, never signup)', () => {
  it('creates an operator who can sign in and unlock accounts, and resets its password when run again', async () => {
    const env = { OPERATOR_LOGIN_ID: 'cs-kim', OPERATOR_NAME: '김상담', OPERATOR_EMAIL: 'cs-kim@econtract.example', OPERATOR_PASSWORD: 'Customer-centre-1' };
    const { stdout } = await run(env);
    expect(stdout).toMatch(/Created operator cs-kim/);
    const token = await stack.login('cs-kim', 'Customer-centre-1');
    expect((await stack.graphql('{ lockedAccounts { user { id } } }', {}, { token })).errors).toBeUndefined();

    const again = await run({ ...env, OPERATOR_PASSWORD: 'Customer-centre-2' });
    expect(again.stdout).toMatch(/Updated operator cs-kim/);
    await expect(stack.login('cs-kim', 'Customer-centre-1')).rejects.toThrow();
    expect(await stack.login('cs-kim', 'Customer-centre-2')).toMatch(/^ey/);
  });

  it('refuses to turn a member into an operator, or a weak password', async () => {
    await expect(
      run({ OPERATOR_LOGIN_ID: 'demo-admin', OPERATOR_NAME: 'x', OPERATOR_EMAIL: 'x@example.com', OPERATOR_PASSWORD: 'Customer-centre-1' }),
    ).rejects.toThrow(/member account/);
    await expect(run({ OPERATOR_LOGIN_ID: 'cs-lee', OPERATOR_NAME: 'x', OPERATOR_EMAIL: 'x@example.com', OPERATOR_PASSWORD: 'password' })).rejects.toThrow(
      /too common/,
    );
    expect(await stack.sql("select count(*)::int as n from identity.account where login_id = 'cs-lee'")).toEqual([{ n: 0 }]);
  });
});
