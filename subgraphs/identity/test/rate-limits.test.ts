import { describe, expect, it } from 'vitest';
import { errorCode, type GraphQLResponse, newMemberFields, signUpIndividual, useStack, verifiedMember } from '@econtract/testkit';
import { IdentityRateLimits as Limits } from '../src/security/rate-limits.ts';
import { LoginDocument, LoginIdAvailableDocument } from '@econtract/sdk';

const stack = useStack();

// Each test sends from its own documentation-range IPs (the gateway trusts the test's X-Forwarded-For).
let lastIp = 0;
const freshIp = () => `192.0.2.${++lastIp}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

const RESEND = 'mutation ($l: String!) { resendVerificationEmail(loginId: $l) }';
const RESET = 'mutation ($l: String!, $e: String!) { requestPasswordReset(loginId: $l, email: $e) }';
const FIND = 'mutation ($n: String!, $e: String!) { findLoginId(name: $n, email: $e) }';
const PHONE = 'mutation ($p: String!) { startPhoneVerification(phone: $p) { id } }';

const codes = (results: GraphQLResponse[]) => results.map(errorCode);
const count = (results: GraphQLResponse[], code: string) => codes(results).filter((c) => c === code).length;
const phoneNumber = (i: number) => `010${String(20_000_000 + lastIp * 1000 + i).padStart(8, '0')}`;

/** Fixed windows start on the clock: a test that needs `seconds` of one window waits for the next when this one ends sooner. */
async function roomInWindow(windowSeconds: number, seconds = 20) {
  const left = windowSeconds - ((Date.now() / 1000) % windowSeconds);
  if (left < seconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 250));
}

async function signedInMember(prefix: string) {
  const member = await verifiedMember(stack, prefix);
  return { ...member, token: await stack.login(member.loginId, member.password) };
}

/** The refusal: RATE_LIMITED with retryAfter, HTTP 429 and Retry-After. */
function expectRateLimited(result: GraphQLResponse, windowSeconds: number) {
  expect(errorCode(result)).toBe('RATE_LIMITED');
  const retryAfter = result.errors![0]!.extensions!.retryAfter as number;
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(result.status).toBe(429);
  expect(Number(result.headers.get('retry-after'))).toBe(retryAfter);
}

// Tests wait for a fresh window when the current one is about to end.
describe('rate limits (issue #12)', { timeout: 120_000 }, () => {
  it('loginIdAvailable and businessNumberCheck: 60 a minute per IP, aliased copies counting one each', async () => {
    await roomInWindow(60, 10);
    const ip = freshIp();
    // Ten aliased copies per request, each with its own argument.
    const aliases = (field: (i: number) => string) => `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;
    for (let q = 0; q < 5; q++)
      expect(
        errorCode(
          await stack.graphql(
            aliases((i) => `loginIdAvailable(loginId: "alias-${q}-${i}-x")`),
            {},
            { headers: from(ip) },
          ),
        ),
      ).toBe('OK');
    expect(
      errorCode(
        await stack.graphql(
          aliases((i) => `businessNumberCheck(businessNumber: "123-45-6789${i}") { valid }`),
          {},
          { headers: from(ip) },
        ),
      ),
    ).toBe('OK');
    const over = await stack.graphql(
      aliases((i) => `loginIdAvailable(loginId: "over-${i}-x")`),
      {},
      { headers: from(ip) },
    );
    expect(over.errors?.length).toBeGreaterThan(0);
    expect(over.errors?.every((error) => error.extensions?.code === 'RATE_LIMITED')).toBe(true);
    expectRateLimited(over, 60);
    const korean = await stack.graphql(LoginIdAvailableDocument, { loginId: 'korean-x' }, { headers: { ...from(ip), 'accept-language': 'ko' } });
    expect(korean.errors?.[0]?.message).toMatch(/요청이 너무 많습니다/);
    // Another IP is not affected.
    expect(errorCode(await stack.graphql(LoginIdAvailableDocument, { loginId: 'elsewhere-x' }, { headers: from(freshIp()) }))).toBe('OK');
  });

  it('is exact when 70 checks race: 60 answer, 10 are refused', async () => {
    await roomInWindow(60, 10);
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 70 }, (_, i) => stack.graphql(LoginIdAvailableDocument, { loginId: `race-${i}-x` }, { headers: from(ip) })),
    );
    expect(count(results, 'OK')).toBe(Limits.availabilityPerIp.limit);
    expect(count(results, 'RATE_LIMITED')).toBe(10);
  });

  it('login: 30 attempts a minute per IP, whatever their outcome', async () => {
    const member = await verifiedMember(stack, 'burst');
    await roomInWindow(60, 25);
    const ip = freshIp();
    for (let i = 0; i < Limits.loginPerIp.limit; i++)
      expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password }, { headers: from(ip) }))).toBe('OK');
    expectRateLimited(await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password }, { headers: from(ip) }), 60);
  });

  it('login: 20 failures an hour per IP across login IDs; then the IP is refused before any password is checked', async () => {
    await roomInWindow(3600, 40);
    const member = await verifiedMember(stack, 'budget');
    const ip = freshIp();
    for (let i = 0; i < 19; i++)
      expect(errorCode(await stack.graphql(LoginDocument, { loginId: `nobody-${i}-${ip}`, password: 'Wrong-password-1' }, { headers: from(ip) }))).toBe(
        'UNAUTHENTICATED',
      );
    // A success gives its failure slot back.
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password }, { headers: from(ip) }))).toBe('OK');
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Wrong-password-1' }, { headers: from(ip) }))).toBe(
      'UNAUTHENTICATED',
    );
    expectRateLimited(await stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Wrong-password-1' }, { headers: from(ip) }), 3600);
    expectRateLimited(await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password }, { headers: from(ip) }), 3600);
    // The refused attempts never reached the account: one failure counted, nothing locked; other IPs sign in.
    expect(await stack.sql('select failed_login_count, locked_at from identity.account where id = ?', [member.id])).toEqual([
      { failed_login_count: 1, locked_at: null },
    ]);
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password }, { headers: from(freshIp()) }))).toBe('OK');
  });

  it('login: one IP cannot lock more than four accounts an hour, yet five failures still lock (R-LOGIN-3)', async () => {
    await roomInWindow(3600, 40);
    const members = await Promise.all(Array.from({ length: 6 }, (_, i) => verifiedMember(stack, `victim${i}`)));
    const ip = freshIp();
    const answers: string[][] = [];
    for (const member of members) {
      const mine: string[] = [];
      for (let i = 0; i < 5; i++)
        mine.push(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Wrong-password-1' }, { headers: from(ip) })));
      answers.push(mine);
    }
    const lockedOut = ['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'ACCOUNT_LOCKED'];
    expect(answers.slice(0, 4)).toEqual(Array(4).fill(lockedOut));
    expect(
      answers
        .slice(4)
        .flat()
        .every((code) => code === 'RATE_LIMITED'),
    ).toBe(true);
    const [{ locked }] = await stack.sql('select count(*)::int as locked from identity.account where id = any(?::uuid[]) and locked_at is not null', [
      `{${members.map((m) => m.id).join(',')}}`,
    ]);
    expect(locked).toBe(4);
  });

  it('login: 20 parallel wrong passwords for one login ID from one IP reach the account five times; the unlock clears the throttle', async () => {
    await roomInWindow(900, 30);
    const member = await verifiedMember(stack, 'pair');
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Wrong-password-1' }, { headers: from(ip) })),
    );
    expect(count(results, 'UNAUTHENTICATED')).toBe(4);
    expect(count(results, 'ACCOUNT_LOCKED') + count(results, 'RATE_LIMITED')).toBe(16);
    expect(await stack.sql('select failed_login_count, locked_at is not null as locked from identity.account where id = ?', [member.id])).toEqual([
      { failed_login_count: 5, locked: true },
    ]);
    const [{ wrong }] = await stack.sql(
      "select count(*)::int as wrong from identity.login_attempt where account_id = ? and result in ('WRONG_PASSWORD', 'LOCKED')",
      [member.id],
    );
    expect(wrong).toBeGreaterThanOrEqual(5);
    // Locked: the same IP is told so (not "wait"), even past its throttle.
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password }, { headers: from(ip) }))).toBe('ACCOUNT_LOCKED');

    const operator = await stack.login('operator');
    await stack.graphql('mutation ($u: ID!) { unlockAccount(userId: $u) { id } }', { u: member.id }, { token: operator });
    expect(errorCode(await stack.graphql(LoginDocument, { loginId: member.loginId, password: member.password }, { headers: from(ip) }))).toBe('OK');
  });

  it('signup: 10 an hour per IP, exact when 12 race', async () => {
    await roomInWindow(3600, 60);
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        stack.graphql(
          'mutation ($i: SignUpIndividualInput!) { signUpIndividual(input: $i) { user { id } } }',
          { i: newMemberFields('flood') },
          { headers: from(ip) },
        ),
      ),
    );
    expect(count(results, 'OK')).toBe(Limits.signupPerIp.limit);
    expect(count(results, 'RATE_LIMITED')).toBe(2);
  });

  it('signup: 5 a day naming one email address', async () => {
    await roomInWindow(86_400, 60);
    const email = `${newMemberFields('target').loginId}@example.com`;
    for (let i = 0; i < Limits.signupPerEmail.limit; i++) expect(errorCode(await signUpIndividual(stack, { ...newMemberFields('same'), email }))).toBe('OK');
    expectRateLimited(await signUpIndividual(stack, { ...newMemberFields('same'), email }), 86_400);
    expect(await stack.outbox(email)).toHaveLength(Limits.signupPerEmail.limit);
  });

  it('verification mails: 10 an hour per IP; one a minute per account, exact when 20 race', async () => {
    await roomInWindow(3600, 30);
    const ip = freshIp();
    for (let i = 0; i < Limits.verificationMailPerIp.limit; i++)
      expect(errorCode(await stack.graphql(RESEND, { l: `nobody-${i}-x` }, { headers: from(ip) }))).toBe('OK');
    expectRateLimited(await stack.graphql(RESEND, { l: 'nobody-over-x' }, { headers: from(ip) }), 3600);

    const input = newMemberFields('resend');
    await signUpIndividual(stack, input);
    await stack.sql("update identity.email_verification set created_at = now() - interval '2 minutes' where email = ?", [input.email]);
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.graphql(RESEND, { l: input.loginId })));
    expect(count(results, 'OK')).toBe(20); // the per-account limit answers true regardless: it reveals nothing
    expect(await stack.outbox(input.email)).toHaveLength(2);
  });

  it('password reset mails: 10 an hour per IP, 3 per login ID whether or not it exists, exact when 20 race', async () => {
    await roomInWindow(3600, 30);
    const ip = freshIp();
    for (let i = 0; i < Limits.passwordResetPerIp.limit; i++)
      expect(errorCode(await stack.graphql(RESET, { l: `nobody-${i}-x`, e: 'x@example.com' }, { headers: from(ip) }))).toBe('OK');
    expectRateLimited(await stack.graphql(RESET, { l: 'nobody-over-x', e: 'x@example.com' }, { headers: from(ip) }), 3600);

    const member = await verifiedMember(stack, 'resetrace');
    for (const loginId of [member.loginId, `missing-${member.loginId}`]) {
      const results = await Promise.all(Array.from({ length: 20 }, () => stack.graphql(RESET, { l: loginId, e: member.email })));
      expect(count(results, 'OK'), loginId).toBe(Limits.passwordResetPerLoginId.limit);
      expect(count(results, 'RATE_LIMITED'), loginId).toBe(17);
    }
    expect((await stack.outbox(member.email)).filter((mail) => mail.text.includes('Reset token'))).toHaveLength(3);
  });

  it('find-ID mails: 10 an hour per IP, 3 per email address whether or not it matches, exact when 20 race', async () => {
    await roomInWindow(3600, 30);
    const ip = freshIp();
    for (let i = 0; i < Limits.findLoginIdPerIp.limit; i++)
      expect(errorCode(await stack.graphql(FIND, { n: '없는사람', e: `nobody-${i}@example.com` }, { headers: from(ip) }))).toBe('OK');
    expectRateLimited(await stack.graphql(FIND, { n: '없는사람', e: 'nobody-over@example.com' }, { headers: from(ip) }), 3600);

    const member = await verifiedMember(stack, 'findrace');
    for (const email of [member.email, `missing-${member.email}`]) {
      const results = await Promise.all(Array.from({ length: 20 }, () => stack.graphql(FIND, { n: member.name, e: email })));
      expect(count(results, 'OK'), email).toBe(Limits.findLoginIdPerEmail.limit);
    }
    expect((await stack.outbox(member.email)).filter((mail) => mail.subject.includes('Your login ID'))).toHaveLength(3);
  });

  it('phone codes: 5 an hour per account, exact when 20 race', async () => {
    await roomInWindow(3600, 30);
    const me = await signedInMember('phonerace');
    const numbers = Array.from({ length: 20 }, (_, i) => phoneNumber(i));
    const results = await Promise.all(numbers.map((p) => stack.graphql(PHONE, { p }, { token: me.token })));
    expect(count(results, 'OK')).toBe(5);
    expect(count(results, 'RATE_LIMITED')).toBe(15);
    const refusal = results.find((result) => errorCode(result) === 'RATE_LIMITED')!;
    expect(refusal.errors![0]!.extensions!.retryAfter).toBeGreaterThan(3500);
    const [{ texted }] = await stack.sql('select count(*)::int as texted from identity.outbox_message where channel = \'sms\' and "to" = any(?::text[])', [
      `{${numbers.join(',')}}`,
    ]);
    expect(texted).toBe(5);
  });

  it('phone codes: 5 an hour to one number, whichever accounts ask; 20 an hour per IP', async () => {
    await roomInWindow(3600, 60);
    const members = await Promise.all(Array.from({ length: 5 }, (_, i) => signedInMember(`phone${i}`)));
    const number = phoneNumber(99);
    const toOne = [];
    for (const me of members.slice(0, 3)) for (let i = 0; i < 2; i++) toOne.push(await stack.graphql(PHONE, { p: number }, { token: me.token }));
    expect(codes(toOne)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED']);
    expect(await stack.outbox(number)).toHaveLength(5);

    const ip = freshIp();
    const fromOneIp = [];
    for (const [m, me] of members.entries()) {
      const allowance = m < 3 ? 3 : 5; // three of them asked twice above
      for (let i = 0; i < allowance; i++) fromOneIp.push(await stack.graphql(PHONE, { p: phoneNumber(m * 10 + i) }, { token: me.token, headers: from(ip) }));
    }
    expect(fromOneIp).toHaveLength(19);
    expect(count(fromOneIp, 'OK')).toBe(19);
    const extra = await signedInMember('phone-extra');
    expect(errorCode(await stack.graphql(PHONE, { p: phoneNumber(77) }, { token: extra.token, headers: from(ip) }))).toBe('OK');
    expectRateLimited(await stack.graphql(PHONE, { p: phoneNumber(78) }, { token: extra.token, headers: from(ip) }), 3600);
  });
});
