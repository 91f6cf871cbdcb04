import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERASED_BODY, openOutboxBody, type OutboxNotifier, sealingKey } from '@econtract/server-kit';
import { newBusinessNumber, newMemberFields, signUpCorporate, tokenMailedTo, useStack } from '@econtract/testkit';
import { phoneCodeDigest } from '../src/security/secrets.ts';
import { LoginDocument, RefreshSessionDocument, VerifyEmailDocument } from '@econtract/sdk';

const stack = useStack();

const gql = async <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
  const result = await stack.graphql(query, variables, { token });
  if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
  return result.data;
};
const smsCode = async (phone: string) => /인증번호 (\d{6})/.exec((await stack.outbox(phone))[0]!.text)![1]!;

/** Every text-like column of every table in every application schema. */
async function textColumns() {
  return stack.sql<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `select c.table_schema, c.table_name, c.column_name, c.data_type
     from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
       and c.data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
     order by 1, 2, 3`,
  );
}

/** Where `needle` appears in clear: `schema.table.column` for each column holding it. */
async function placesHolding(needle: string, columns: Awaited<ReturnType<typeof textColumns>>): Promise<string[]> {
  const found: string[] = [];
  for (const column of columns) {
    const ref = `"${column.table_schema}"."${column.table_name}"`;
    const value = column.data_type === 'bytea' ? `"${column.column_name}"` : `"${column.column_name}"::text`;
    const probe = column.data_type === 'bytea' ? `position(convert_to(?, 'UTF8') in ${value}) > 0` : `strpos(${value}, ?) > 0`;
    const [row] = await stack.sql<{ n: number }>(`select count(*)::int as n from ${ref} where ${probe}`, [needle]);
    if (row!.n > 0) found.push(`${column.table_schema}.${column.table_name}.${column.column_name}`);
  }
  return found;
}

describe('no live secret is stored in clear (issue #12)', () => {
  it('after signup, verification, sign-in, recovery and a phone change, no table holds a token, code, link or password', async () => {
    const secrets: Record<string, string> = {};
    const input = { ...newMemberFields('secret'), companyName: '비밀(주)', businessNumber: newBusinessNumber(), representative: '김대표' };
    secrets.signupPassword = input.password;

    // Signup and email verification.
    expect((await signUpCorporate(stack, input)).errors).toBeUndefined();
    secrets.verificationToken = await tokenMailedTo(stack, input.email, 'Verification token');
    expect((await stack.graphql(VerifyEmailDocument, { token: secrets.verificationToken })).data.verifyEmail).toBe(true);

    // Sign-in and a refresh.
    const first = (await stack.graphql(LoginDocument, { loginId: input.loginId, password: input.password })).data.login;
    secrets.accessToken = first.accessToken;
    secrets.refreshToken = first.refreshToken;
    secrets.rotatedRefreshToken = (await stack.graphql(RefreshSessionDocument, { refreshToken: first.refreshToken })).data.refreshSession.refreshToken;

    // Recovery: find the login ID, reset the password.
    await gql('mutation ($n: String!, $e: String!) { findLoginId(name: $n, email: $e) }', { n: input.name, e: input.email });
    await gql('mutation ($l: String!, $e: String!) { requestPasswordReset(loginId: $l, email: $e) }', { l: input.loginId, e: input.email });
    secrets.resetToken = await tokenMailedTo(stack, input.email, 'Reset token');
    secrets.resetPassword = 'Recovered-secret-pass-71';
    await gql('mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', { t: secrets.resetToken, p: secrets.resetPassword });
    const session = (await stack.graphql(LoginDocument, { loginId: input.loginId, password: secrets.resetPassword })).data.login;
    secrets.secondRefreshToken = session.refreshToken;

    // Phone verification (R-PROFILE-2) and a password change (R-PROFILE-3).
    const stepUp = async () =>
      (await gql('mutation ($p: String!) { confirmPassword(password: $p) { token } }', { p: secrets.resetPassword }, session.accessToken)).confirmPassword
        .token as string;
    secrets.stepUpToken = await stepUp();
    const phone = '01031415926';
    const { id } = (await gql('mutation ($p: String!) { startPhoneVerification(phone: $p) { id } }', { p: phone }, session.accessToken)).startPhoneVerification;
    secrets.phoneCode = await smsCode(phone);
    await gql('mutation ($id: ID!, $c: String!) { confirmPhoneVerification(id: $id, code: $c) }', { id, c: secrets.phoneCode }, session.accessToken);
    secrets.changedPassword = 'Changed-secret-pass-82';
    await gql(
      'mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }',
      { i: { stepUpToken: secrets.stepUpToken, phone, phoneVerificationId: id, newPassword: secrets.changedPassword } },
      session.accessToken,
    );

    // The developer's outbox still shows every message in full (that is where the values above came from).
    const mails = await stack.outbox(input.email);
    expect(mails.map((mail) => mail.text).join('\n')).toContain(`/reset-password?token=${encodeURIComponent(secrets.resetToken)}`);

    const columns = await textColumns();
    const names = columns.map((c) => `${c.table_schema}.${c.table_name}.${c.column_name}`);
    // The scan really covers the places secrets used to sit.
    for (const place of [
      'identity.outbox_message.text',
      'identity.email_verification.token_hash',
      'identity.password_reset.token_hash',
      'identity.refresh_token.token_hash',
      'identity.phone_verification.code_hash',
      'identity.account.password_hash',
      'organization.outbox_message.text',
      'billing.rate_limit_counter.key',
    ]) {
      expect(names).toContain(place);
    }
    expect(columns.length).toBeGreaterThan(60);

    const leaks: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(secrets)) {
      const places = await placesHolding(value, columns);
      if (places.length) leaks[name] = places;
    }
    expect(leaks).toEqual({});

    // Not even an unkeyed digest of the 6-digit code, which a lookup table would reverse.
    const [row] = await stack.sql<{ code_hash: string }>('select code_hash from identity.phone_verification where id = ?', [id]);
    expect(row!.code_hash).not.toBe(createHash('sha256').update(secrets.phoneCode).digest('hex'));
    expect(row!.code_hash).toBe(phoneCodeDigest(stack.subgraphs.identity.createContext().env, id, secrets.phoneCode));
  });

  it('stores outbox bodies sealed (AES-256-GCM), readable with the key only, and bound to their recipient', async () => {
    const identity = stack.subgraphs.identity;
    await identity.notifier.send({ channel: 'sms', to: '01027182818', subject: '인증번호', text: '[전자계약] 인증번호 271828' });
    const [row] = await stack.sql<{ channel: string; to: string; text: string }>('select "channel", "to", "text" from identity.outbox_message where "to" = ?', [
      '01027182818',
    ]);
    expect(row!.text).toMatch(/^sealed:v1:/);
    expect(row!.text).not.toContain('271828');
    const key = sealingKey(identity.createContext().env.OUTBOX_ENCRYPTION_KEY, 'outbox');
    expect(openOutboxBody(key, row!)).toBe('[전자계약] 인증번호 271828');
    expect(() => openOutboxBody(sealingKey('another-outbox-key-that-is-long-enough-0123', 'outbox'), row!)).toThrow();
    expect(() => openOutboxBody(key, { ...row!, to: '01099999999' })).toThrow();
  });

  it('erases a body once the retention period has passed; /dev/outbox then says so', async () => {
    const identity = stack.subgraphs.identity;
    await identity.notifier.send({ channel: 'email', to: 'retention@example.com', subject: '오래된 메일', text: 'Reset token: old-secret' });
    await identity.notifier.send({ channel: 'email', to: 'retention-new@example.com', subject: '새 메일', text: 'Reset token: new-secret' });
    await stack.sql(`update identity.outbox_message set created_at = now() - interval '61 minutes' where "to" = ?`, ['retention@example.com']);
    expect(await (identity.notifier as OutboxNotifier).eraseExpired()).toBeGreaterThanOrEqual(1);
    expect(await stack.sql('select "text" from identity.outbox_message where "to" = ?', ['retention@example.com'])).toEqual([{ text: '' }]);
    expect((await stack.outbox('retention@example.com'))[0]!.text).toBe(ERASED_BODY);
    expect((await stack.outbox('retention-new@example.com'))[0]!.text).toBe('Reset token: new-secret');
  });
});
