import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoAdminViewer, DemoIds, memberViewer, useStack } from '@econtract/testkit';
import { Account } from '../src/account/account.entity.ts';
import { hashPassword } from '../src/account/password.ts';
import { LoginDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();

const em = () => stack.subgraphs.identity.createContext().em;

async function createAccount(fields: Partial<Account> & { loginId: string }) {
  const manager = em();
  const account = manager.create(Account, {
    id: randomUUID(),
    name: '테스트',
    email: `${fields.loginId}@example.com`,
    passwordHash: await hashPassword('Correct-horse-9'),
    companyId: null,
    ...fields,
  } as Account);
  await manager.flush();
  return account;
}

describe('accounts (identity)', () => {
  it('stores passwords as argon2id with m=19 MiB, t=2, p=1, never in clear', async () => {
    const rows = await em().getConnection().execute(`select password_hash from identity.account where id = ?`, [DemoIds.totalAdmin]);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('keeps login IDs unique without regard to case, in the database itself (R-SIGNUP-3)', async () => {
    await expect(createAccount({ loginId: 'DEMO-ADMIN' })).rejects.toThrow(/account_login_key_unique/);
  });

  it('tells an unverified account to verify, but only after the right password (R-LOGIN-2)', async () => {
    await createAccount({ loginId: 'not-yet-verified', emailVerifiedAt: null });
    const right = await stack.graphql(LoginDocument, { loginId: 'not-yet-verified', password: 'Correct-horse-9' });
    expect(right.errors?.[0]?.extensions?.code).toBe('EMAIL_NOT_VERIFIED');
    const wrong = await stack.graphql(LoginDocument, { loginId: 'not-yet-verified', password: 'Wrong-horse-9' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resolves a User reference only for the same company, the user itself or the operator', async () => {
    const query = 'query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { id loginId } } }';
    const ownCompany = await stack.subgraphGraphql('identity', query, { id: DemoIds.staff }, demoAdminViewer());
    expect(ownCompany.data._entities).toEqual([{ id: DemoIds.staff, loginId: 'demo-staff' }]);
    const outsider = memberViewer(randomUUID(), randomUUID());
    const otherCompany = await stack.subgraphGraphql('identity', query, { id: DemoIds.staff }, outsider);
    expect(otherCompany.data._entities).toEqual([null]);
    const anonymous = await stack.subgraphGraphql('identity', query, { id: DemoIds.staff }, null);
    expect(anonymous.data._entities).toEqual([null]);
  });

  it('ends access on the next request once the account can no longer be used', async () => {
    const account = await createAccount({ loginId: 'short-lived', emailVerifiedAt: new Date() });
    const token = await stack.login('short-lived', 'Correct-horse-9');
    expect((await stack.graphql(ViewerDocument, {}, { token })).data.viewer).toMatchObject({ id: account.id });
    await em().nativeUpdate(Account, { id: account.id }, { emailVerifiedAt: null });
    const after = await stack.graphql(ViewerDocument, {}, { token });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
