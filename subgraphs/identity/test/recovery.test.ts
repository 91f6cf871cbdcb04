import { describe, expect, it } from 'vitest';
import { errorCode, tokenMailedTo, useStack, verifiedMember } from '@econtract/testkit';
import { LoginDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();
const FIND = 'mutation ($n: String!, $e: String!) { findLoginId(name: $n, email: $e) }';
const REQUEST = 'mutation ($l: String!, $e: String!) { requestPasswordReset(loginId: $l, email: $e) }';
const RESET = 'mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';

describe('recovery (R-RECOVER-1)', () => {
  it('mails the login ID to a member, answering the same when nothing matches', async () => {
    const member = await verifiedMember(stack, 'findme');
    const found = await stack.graphql(FIND, { n: member.name, e: member.email.toUpperCase() });
    const missing = await stack.graphql(FIND, { n: '없는사람', e: 'nobody@example.com' });
    expect(found).toMatchObject({ data: { findLoginId: true } });
    expect(missing.data).toEqual(found.data);
    expect(missing.errors).toEqual(found.errors);
    const [mail] = await stack.outbox(member.email);
    expect(mail!.text).toContain(member.loginId);
    expect(await stack.outbox('nobody@example.com')).toEqual([]);
  });

  it('tells staff, by email only, to ask their total admin', async () => {
    const find = await stack.graphql(FIND, { n: '박담당', e: 'staff@demo-company.example' });
    const reset = await stack.graphql(REQUEST, { l: 'demo-staff', e: 'staff@demo-company.example' });
    expect(find.data).toEqual({ findLoginId: true });
    expect(reset.data).toEqual({ requestPasswordReset: true });
    const mails = await stack.outbox('staff@demo-company.example');
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.text).toMatch(/total admin/);
      expect(mail.text).not.toMatch(/Reset token|demo-staff/);
    }
  });

  it('resets a password with a single-use link, ending open sign-ins', async () => {
    const member = await verifiedMember(stack, 'forgot');
    const session = (await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password })).data.login.accessToken;
    expect((await stack.graphql(REQUEST, { l: member.loginId, e: 'wrong@example.com' })).data.requestPasswordReset).toBe(true);
    expect(await stack.outbox(member.email)).toHaveLength(1); // only the verification mail: the email did not match
    await stack.graphql(REQUEST, { l: member.loginId, e: member.email });
    const token = await tokenMailedTo(stack, member.email, 'Reset token');

    expect(errorCode(await stack.graphql(RESET, { t: token, p: 'qwer1234!' }))).toBe('BAD_USER_INPUT');
    expect((await stack.graphql(RESET, { t: token, p: 'Recovered-pass-77' })).data.resetPassword).toBe(true);
    expect(errorCode(await stack.graphql(RESET, { t: token, p: 'Another-pass-88' }))).toBe('BAD_USER_INPUT');
    expect((await stack.graphql(ViewerDocument, {}, { token: session })).status).toBe(401);
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Recovered-pass-77' }))).toBe('OK');
    const stored = JSON.stringify(await stack.sql('select * from identity.password_reset where account_id = ?', [member.id]));
    expect(stored).not.toContain(token);
  });

  it('refuses an expired link, and unlocks nothing by itself', async () => {
    const member = await verifiedMember(stack, 'locked');
    for (let i = 0; i < 5; i++) await stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Wrong-password-1' });
    await stack.graphql(REQUEST, { l: member.loginId, e: member.email });
    const token = await tokenMailedTo(stack, member.email, 'Reset token');
    expect((await stack.graphql(RESET, { t: token, p: 'Recovered-pass-77' })).data.resetPassword).toBe(true);
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Recovered-pass-77' }))).toBe('ACCOUNT_LOCKED');

    await stack.graphql(REQUEST, { l: member.loginId, e: member.email });
    const second = await tokenMailedTo(stack, member.email, 'Reset token');
    await stack.sql("update identity.password_reset set expires_at = now() - interval '1 second' where used_at is null and account_id = ?", [member.id]);
    expect(errorCode(await stack.graphql(RESET, { t: second, p: 'Recovered-pass-99' }))).toBe('BAD_USER_INPUT');
  });
});
