import { describe, expect, it } from 'vitest';
import { DemoIds, errorCode, useStack, verifiedMember } from '@econtract/testkit';
import { tokenDigest } from '../src/security/secrets.ts';
import { LoginDocument, LogoutDocument, RefreshSessionDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();
const login = (loginId: string, password: string, headers?: Record<string, string>) => stack.graphql(LoginDocument, { loginId, password }, { headers });

describe('lockout (R-LOGIN-3)', () => {
  it('locks after five failures in a row, even for the right password, and records every attempt', async () => {
    const member = await verifiedMember(stack, 'lock');
    const headers = { 'user-agent': 'lockout-test/1.0', 'x-forwarded-for': '192.0.2.10' };
    for (let i = 0; i < 4; i++) expect(errorCode(await login(member.loginId, 'Wrong-password-1', headers))).toBe('UNAUTHENTICATED');
    const fifth = await login(member.loginId, 'Wrong-password-1', headers);
    expect(errorCode(fifth)).toBe('ACCOUNT_LOCKED');
    expect(fifth.errors?.[0]?.message).toMatch(/customer centre/);
    expect(errorCode(await login(member.loginId, member.password, headers))).toBe('ACCOUNT_LOCKED');

    const attempts = await stack.sql('select result, ip, user_agent from identity.login_attempt where account_id = ? order by created_at', [member.id]);
    expect(attempts.map((a) => a.result)).toEqual([...Array(4).fill('WRONG_PASSWORD'), 'LOCKED', 'LOCKED']);
    expect(attempts.at(-1)).toMatchObject({ ip: '192.0.2.10', user_agent: 'lockout-test/1.0' });
  });

  it('resets the count on a success', async () => {
    const member = await verifiedMember(stack, 'reset');
    for (let i = 0; i < 4; i++) await login(member.loginId, 'Wrong-password-1');
    expect(errorCode(await login(member.loginId, member.password))).toBe('OK');
    for (let i = 0; i < 4; i++) expect(errorCode(await login(member.loginId, 'Wrong-password-1'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(member.loginId, member.password))).toBe('OK');
  });

  it('is exact when 20 wrong attempts race: five count, the rest are locked out, the right password then fails', async () => {
    const member = await verifiedMember(stack, 'race');
    const results = await Promise.all(Array.from({ length: 20 }, () => login(member.loginId, 'Wrong-password-1')));
    const codes = results.map(errorCode);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(4);
    expect(codes.filter((code) => code === 'ACCOUNT_LOCKED')).toHaveLength(16);
    expect(await stack.sql('select failed_login_count from identity.account where id = ?', [member.id])).toEqual([{ failed_login_count: 5 }]);
    expect(errorCode(await login(member.loginId, member.password))).toBe('ACCOUNT_LOCKED');
  });

  it('lets no attempt succeed after the fifth failure when right and wrong passwords race', async () => {
    const member = await verifiedMember(stack, 'mixed');
    const passwords = Array.from({ length: 20 }, (_, i) => (i % 4 === 3 ? member.password : 'Wrong-password-1'));
    await Promise.all(passwords.map((password) => login(member.loginId, password)));
    const attempts = await stack.sql<{ result: string }>('select result from identity.login_attempt where account_id = ? order by created_at, id', [member.id]);
    expect(attempts).toHaveLength(20);
    // In commit order: count failures since the last success; no success may follow the fifth.
    let failures = 0;
    for (const { result } of attempts) {
      if (result === 'SUCCESS') {
        expect(failures).toBeLessThan(5);
        failures = 0;
      } else if (result === 'WRONG_PASSWORD' || result === 'LOCKED') failures++;
    }
    // The stored count and lock agree with that log.
    const [account] = await stack.sql('select failed_login_count, locked_at is not null as locked from identity.account where id = ?', [member.id]);
    expect(account).toEqual({ failed_login_count: Math.min(failures, 5), locked: failures >= 5 });
  });

  it('is lifted only by an operator, who can list locked accounts and their attempts', async () => {
    const member = await verifiedMember(stack, 'unlock');
    for (let i = 0; i < 5; i++) await login(member.loginId, 'Wrong-password-1', { 'x-forwarded-for': '192.0.2.11' });
    const admin = await stack.login('demo-admin');
    expect(errorCode(await stack.graphql('{ lockedAccounts { user { id } } }', {}, { token: admin }))).toBe('FORBIDDEN');
    expect(errorCode(await stack.graphql('mutation ($u: ID!) { unlockAccount(userId: $u) { id } }', { u: member.id }, { token: admin }))).toBe('FORBIDDEN');

    const operator = await stack.login('operator');
    const locked = await stack.graphql('{ lockedAccounts { user { id loginId } failedLoginCount lockedAt } }', {}, { token: operator });
    expect(locked.data.lockedAccounts).toContainEqual({ user: { id: member.id, loginId: member.loginId }, failedLoginCount: 5, lockedAt: expect.any(String) });
    const attempts = await stack.graphql(
      'query ($u: ID!) { loginAttempts(userId: $u) { result ip userAgent createdAt } }',
      { u: member.id },
      { token: operator },
    );
    expect(attempts.data.loginAttempts[0]).toMatchObject({ result: 'LOCKED', ip: '192.0.2.11' });
    const outOfRange = await stack.graphql('query ($u: ID!) { loginAttempts(userId: $u, first: 0) { result } }', { u: member.id }, { token: operator });
    expect(outOfRange.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const unlocked = await stack.graphql('mutation ($u: ID!) { unlockAccount(userId: $u) { id } }', { u: member.id }, { token: operator });
    expect(unlocked.data.unlockAccount.id).toBe(member.id);
    expect(errorCode(await login(member.loginId, member.password))).toBe('OK');
  });

  it('does not let the operator see company data', async () => {
    const operator = await stack.login('operator');
    expect(errorCode(await stack.graphql('{ documentCategories { id } }', {}, { token: operator }))).toBe('FORBIDDEN');
  });
});

describe('sessions', () => {
  it('rotates refresh tokens, and a reused one ends the whole sign-in', async () => {
    const member = await verifiedMember(stack, 'rotate');
    const first = (await login(member.loginId, member.password)).data.login;
    const second = (await stack.graphql(RefreshSessionDocument, { refreshToken: first.refreshToken })).data.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await stack.graphql(ViewerDocument, {}, { token: second.accessToken })).data.viewer).toMatchObject({ id: member.id });

    const replay = await stack.graphql(RefreshSessionDocument, { refreshToken: first.refreshToken });
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    expect(errorCode(await stack.graphql(RefreshSessionDocument, { refreshToken: second.refreshToken }))).toBe('UNAUTHENTICATED');
    const afterRevoke = await stack.graphql(ViewerDocument, {}, { token: second.accessToken });
    expect(afterRevoke.status).toBe(401);
  });

  it('lets exactly one of five simultaneous uses of a refresh token win', async () => {
    const member = await verifiedMember(stack, 'double');
    const { refreshToken } = (await login(member.loginId, member.password)).data.login;
    const results = await Promise.all(Array.from({ length: 5 }, () => stack.graphql(RefreshSessionDocument, { refreshToken })));
    // The one that marks the token used wins; each later one sees it used and ends the sign-in.
    expect(results.filter((result) => errorCode(result) === 'OK')).toHaveLength(1);
  });

  it('ends the sign-in on logout: access and refresh tokens stop working at once', async () => {
    const member = await verifiedMember(stack, 'logout');
    const tokens = (await login(member.loginId, member.password)).data.login;
    expect((await stack.graphql(LogoutDocument, {}, { token: tokens.accessToken })).data.logout).toBe(true);
    expect((await stack.graphql(ViewerDocument, {}, { token: tokens.accessToken })).status).toBe(401);
    expect(errorCode(await stack.graphql(RefreshSessionDocument, { refreshToken: tokens.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await stack.graphql(LogoutDocument))).toBe('UNAUTHENTICATED');
  });

  it('keeps other sign-ins open on logout', async () => {
    const member = await verifiedMember(stack, 'two');
    const a = (await login(member.loginId, member.password)).data.login;
    const b = (await login(member.loginId, member.password)).data.login;
    await stack.graphql(LogoutDocument, {}, { token: a.accessToken });
    expect((await stack.graphql(ViewerDocument, {}, { token: b.accessToken })).data.viewer).toMatchObject({ id: member.id });
  });

  it('stores refresh tokens and passwords only hashed', async () => {
    const member = await verifiedMember(stack, 'stored');
    const { refreshToken } = (await login(member.loginId, member.password)).data.login;
    const rows = await stack.sql('select r.token_hash from identity.refresh_token r join identity.session s on s.id = r.session_id where s.account_id = ?', [
      member.id,
    ]);
    expect(rows).toContainEqual({ token_hash: tokenDigest(stack.subgraphs.identity.createContext().env, refreshToken) });
    const dump = JSON.stringify(
      await stack.sql(
        'select a.*, r.* from identity.account a left join identity.session s on s.account_id = a.id left join identity.refresh_token r on r.session_id = s.id where a.id = ?',
        [member.id],
      ),
    );
    expect(dump).not.toContain(refreshToken);
    expect(dump).not.toContain(member.password);
  });

  it('refuses a suspended staff member at login, after the right password only', async () => {
    await stack.sql('update organization.staff_profile set active = false where user_id = ?', [DemoIds.staff]);
    try {
      expect(errorCode(await login('demo-staff', 'Demo-pass-2026!'))).toBe('FORBIDDEN');
      expect(errorCode(await login('demo-staff', 'Wrong-password-1'))).toBe('UNAUTHENTICATED');
    } finally {
      await stack.sql('update organization.staff_profile set active = true where user_id = ?', [DemoIds.staff]);
    }
  });
});
