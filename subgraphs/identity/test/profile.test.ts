import { describe, expect, it } from 'vitest';
import { errorCode, tokenMailedTo, useStack, verifiedMember } from '@econtract/testkit';
import { LoginDocument, VerifyEmailDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();
const UPDATE = 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { name email phone emailVerified } }';

async function signedIn(prefix: string) {
  const member = await verifiedMember(stack, prefix);
  const token = (await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password })).data.login.accessToken as string;
  const stepUp = async () =>
    (await stack.graphql('mutation ($p: String!) { confirmPassword(password: $p) { token expiresAt } }', { p: member.password }, { token })).data
      .confirmPassword.token as string;
  return { ...member, token, stepUp };
}

async function smsCode(phone: string): Promise<string> {
  const [message] = await stack.outbox(phone);
  return /인증번호 (\d{6})/.exec(message!.text)![1]!;
}

describe('personal settings (R-PROFILE-1..4)', () => {
  it('needs the password re-entered first, within 10 minutes', async () => {
    const me = await signedIn('stepup');
    expect(errorCode(await stack.graphql(UPDATE, { input: { stepUpToken: 'forged', name: '새이름' } }, { token: me.token }))).toBe('FORBIDDEN');
    const wrong = await stack.graphql('mutation { confirmPassword(password: "Wrong-password-1") { token } }', {}, { token: me.token });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const confirmed = await stack.graphql(
      'mutation ($p: String!) { confirmPassword(password: $p) { token expiresAt } }',
      { p: me.password },
      { token: me.token },
    );
    const ttl = new Date(confirmed.data.confirmPassword.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    const updated = await stack.graphql(UPDATE, { input: { stepUpToken: confirmed.data.confirmPassword.token, name: '새이름' } }, { token: me.token });
    expect(updated.data.updateProfile.name).toBe('새이름');
  });

  it('does not accept a step-up token from another sign-in', async () => {
    const me = await signedIn('other');
    const stepUp = await me.stepUp();
    const other = (await stack.graphql(LoginDocument, { loginId: me.loginId, password: me.password })).data.login.accessToken;
    expect(errorCode(await stack.graphql(UPDATE, { input: { stepUpToken: stepUp, name: 'x' } }, { token: other }))).toBe('FORBIDDEN');
  });

  it('saves a new phone number only after its code is confirmed, once', async () => {
    const me = await signedIn('phone');
    const phone = '01098765432';
    expect(errorCode(await stack.graphql(UPDATE, { input: { stepUpToken: await me.stepUp(), phone } }, { token: me.token }))).toBe('BAD_USER_INPUT');

    const started = await stack.graphql(
      'mutation ($p: String!) { startPhoneVerification(phone: $p) { id expiresAt } }',
      { p: '010-9876-5432' },
      { token: me.token },
    );
    const { id, expiresAt } = started.data.startPhoneVerification;
    expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(3 * 60_000);
    const code = await smsCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const miss = await stack.graphql('mutation ($id: ID!, $c: String!) { confirmPhoneVerification(id: $id, code: $c) }', { id, c: wrong }, { token: me.token });
    expect(miss.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('4 tries left') });
    expect(
      (await stack.graphql('mutation ($id: ID!, $c: String!) { confirmPhoneVerification(id: $id, code: $c) }', { id, c: code }, { token: me.token })).data
        .confirmPhoneVerification,
    ).toBe(true);

    const otherNumber = await stack.graphql(
      UPDATE,
      { input: { stepUpToken: await me.stepUp(), phone: '01011112222', phoneVerificationId: id } },
      { token: me.token },
    );
    expect(errorCode(otherNumber)).toBe('BAD_USER_INPUT');
    const saved = await stack.graphql(
      UPDATE,
      { input: { stepUpToken: await me.stepUp(), phone: '010-9876-5432', phoneVerificationId: id } },
      { token: me.token },
    );
    expect(saved.data.updateProfile.phone).toBe(phone);
    await stack.sql('update identity.account set phone = null where id = ?', [me.id]);
    const reused = await stack.graphql(UPDATE, { input: { stepUpToken: await me.stepUp(), phone, phoneVerificationId: id } }, { token: me.token });
    expect(errorCode(reused)).toBe('BAD_USER_INPUT');
  });

  it('stops a code after five wrong tries, even when they race', async () => {
    const me = await signedIn('tries');
    const { id } = (await stack.graphql('mutation { startPhoneVerification(phone: "01055556666") { id } }', {}, { token: me.token })).data
      .startPhoneVerification;
    const code = await smsCode('01055556666');
    const wrong = code === '000000' ? '111111' : '000000';
    await Promise.all(
      Array.from({ length: 8 }, () =>
        stack.graphql('mutation ($id: ID!, $c: String!) { confirmPhoneVerification(id: $id, code: $c) }', { id, c: wrong }, { token: me.token }),
      ),
    );
    expect(await stack.sql('select attempts from identity.phone_verification where id = ?', [id])).toEqual([{ attempts: 5 }]);
    const right = await stack.graphql('mutation ($id: ID!, $c: String!) { confirmPhoneVerification(id: $id, code: $c) }', { id, c: code }, { token: me.token });
    expect(errorCode(right)).toBe('BAD_USER_INPUT');
  });

  it('changes the password only when a new one is given, ending the other sign-ins', async () => {
    const me = await signedIn('password');
    const other = (await stack.graphql(LoginDocument, { loginId: me.loginId, password: me.password })).data.login.accessToken;
    await stack.graphql(UPDATE, { input: { stepUpToken: await me.stepUp(), name: '이름만' } }, { token: me.token });
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: me.loginId, password: me.password }))).toBe('OK');

    expect(errorCode(await stack.graphql(UPDATE, { input: { stepUpToken: await me.stepUp(), newPassword: 'short' } }, { token: me.token }))).toBe(
      'BAD_USER_INPUT',
    );
    const next = 'Brand-new-pass-42';
    expect(errorCode(await stack.graphql(UPDATE, { input: { stepUpToken: await me.stepUp(), newPassword: next } }, { token: me.token }))).toBe('OK');
    expect((await stack.graphql(ViewerDocument, {}, { token: other })).status).toBe(401);
    expect((await stack.graphql(ViewerDocument, {}, { token: me.token })).data.viewer).toMatchObject({ id: me.id });
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: me.loginId, password: me.password }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: me.loginId, password: next }))).toBe('OK');
  });

  it('verifies a new email address before the next sign-in', async () => {
    const me = await signedIn('email');
    const newEmail = `changed-${me.loginId}@example.com`;
    const updated = await stack.graphql(UPDATE, { input: { stepUpToken: await me.stepUp(), email: newEmail } }, { token: me.token });
    expect(updated.data.updateProfile).toMatchObject({ email: newEmail, emailVerified: false });
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: me.loginId, password: me.password }))).toBe('EMAIL_NOT_VERIFIED');
    const token = await tokenMailedTo(stack, newEmail, 'Verification token');
    expect((await stack.graphql(VerifyEmailDocument, { token })).data.verifyEmail).toBe(true);
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: me.loginId, password: me.password }))).toBe('OK');
  });

  it('refuses profile changes to anonymous callers', async () => {
    expect(errorCode(await stack.graphql('mutation { confirmPassword(password: "x") { token } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await stack.graphql('mutation { startPhoneVerification(phone: "01012345678") { id } }'))).toBe('UNAUTHENTICATED');
  });
});
