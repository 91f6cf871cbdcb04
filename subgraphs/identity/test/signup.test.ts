import { describe, expect, it } from 'vitest';
import type { BillingRoutes } from '@econtract/billing/routes';
import type { OrganizationRoutes } from '@econtract/organization/routes';
import { tokenDigest } from '../src/security/secrets.ts';
import { grantPendingReferralRewards, grantReferralReward } from '../src/signup/referral-reward.ts';
import { sweepAbandonedSignups } from '../src/signup/signup.service.ts';
import {
  DemoIds,
  errorCode,
  newBusinessNumber,
  newMemberFields,
  signUpCorporate,
  signUpIndividual,
  startStack,
  tokenMailedTo,
  useStack,
} from '@econtract/testkit';
import { BusinessNumberCheckDocument, LoginDocument, LoginIdAvailableDocument, VerifyEmailDocument } from '@econtract/sdk';

const stack = useStack();

const corporate = (overrides: Record<string, unknown> = {}) => ({
  ...newMemberFields('admin'),
  companyName: '새회사(주)',
  businessNumber: newBusinessNumber(),
  representative: '김대표',
  ...overrides,
});
const accountsNamed = async (loginId: string) => (await stack.sql('select id from identity.account where lower(login_id) = lower(?)', [loginId])).length;

describe('the manual flow (R-SIGNUP-1..5, R-LOGIN-1,2)', () => {
  it('signs a company up, mails a link, refuses login until verified, then works across subgraphs', async () => {
    const input = corporate();
    const formatted = `${input.businessNumber.slice(0, 3)}-${input.businessNumber.slice(3, 5)}-${input.businessNumber.slice(5)}`;
    expect((await stack.graphql(LoginIdAvailableDocument, { loginId: input.loginId })).data.loginIdAvailable).toBe(true);
    expect((await stack.graphql(BusinessNumberCheckDocument, { businessNumber: formatted })).data.businessNumberCheck).toEqual({
      valid: true,
      registered: false,
    });

    const signup = await signUpCorporate(stack, { ...input, businessNumber: formatted });
    expect(signup.errors).toBeUndefined();
    expect(signup.data.signUpCorporate).toMatchObject({ user: { loginId: input.loginId, emailVerified: false }, verificationEmailSentTo: input.email });
    const userId = signup.data.signUpCorporate.user.id;

    const mail = await stack.outbox(input.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('http://localhost:3000/verify-email?token=');

    const beforeVerify = await stack.graphql(LoginDocument, { loginId: input.loginId, password: input.password });
    expect(beforeVerify.errors?.[0]?.extensions?.code).toBe('EMAIL_NOT_VERIFIED');
    const wrongBeforeVerify = await stack.graphql(LoginDocument, { loginId: input.loginId, password: 'Wrong-password-1' });
    expect(wrongBeforeVerify.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const token = await tokenMailedTo(stack, input.email, 'Verification token');
    expect((await stack.graphql(VerifyEmailDocument, { token })).data.verifyEmail).toBe(true);
    const again = await stack.graphql(VerifyEmailDocument, { token });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const login = await stack.graphql(LoginDocument, { loginId: input.loginId.toUpperCase(), password: input.password });
    expect(login.data.login.user.id).toBe(userId);
    const viewer = await stack.graphql(
      '{ viewer { id emailVerified company { name kind businessNumber representative } } }',
      {},
      { token: login.data.login.accessToken },
    );
    expect(viewer.data.viewer).toEqual({
      id: userId,
      emailVerified: true,
      company: { name: '새회사(주)', kind: 'CORPORATE', businessNumber: input.businessNumber, representative: '김대표' },
    });

    // R-BILL-3: the signup event plan, granted once to the new company.
    const [profile] = await stack.sql('select company_id, grade from organization.staff_profile where user_id = ?', [userId]);
    expect(profile.grade).toBe('TOTAL_ADMIN');
    const lots = await stack.sql('select plan_code, charged_count from billing.prepaid_lot where company_id = ?', [profile.company_id]);
    expect(lots).toEqual([{ plan_code: 'SIGNUP_EVENT', charged_count: 10 }]);
    expect((await stack.graphql(BusinessNumberCheckDocument, { businessNumber: input.businessNumber })).data.businessNumberCheck).toEqual({
      valid: true,
      registered: true,
    });
  });

  it('gives an individual member a personal workspace with the signup event plan', async () => {
    const input = newMemberFields('solo');
    const signup = await signUpIndividual(stack, { ...input, phone: null });
    expect(signup.errors).toBeUndefined();
    const userId = signup.data.signUpIndividual.user.id;
    const [profile] = await stack.sql(
      'select p.grade, c.kind, c.name from organization.staff_profile p join organization.company c on c.id = p.company_id where p.user_id = ?',
      [userId],
    );
    expect(profile).toEqual({ grade: 'INDIVIDUAL', kind: 'PERSONAL', name: '홍길동' });
    expect(
      await stack.sql('select plan_code from billing.prepaid_lot l join organization.staff_profile p on p.company_id = l.company_id where p.user_id = ?', [
        userId,
      ]),
    ).toEqual([{ plan_code: 'SIGNUP_EVENT' }]);
  });

  it('stores the verification token only as a keyed hash (HMAC-SHA256)', async () => {
    const input = newMemberFields('hash');
    await signUpIndividual(stack, input);
    const token = await tokenMailedTo(stack, input.email, 'Verification token');
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const rows = await stack.sql('select token_hash from identity.email_verification v join identity.account a on a.id = v.account_id where a.login_id = ?', [
      input.loginId,
    ]);
    expect(rows).toEqual([{ token_hash: tokenDigest(stack.subgraphs.identity.createContext().env, token) }]);
    expect(JSON.stringify(await stack.sql('select * from identity.email_verification'))).not.toContain(token);
  });

  it('lets the link be re-sent, answering the same for unknown login IDs', async () => {
    const input = newMemberFields('resend');
    await signUpIndividual(stack, input);
    await stack.sql("update identity.email_verification set created_at = now() - interval '2 minutes'");
    const known = await stack.graphql('mutation ($l: String!) { resendVerificationEmail(loginId: $l) }', { l: input.loginId });
    const unknown = await stack.graphql('mutation ($l: String!) { resendVerificationEmail(loginId: $l) }', { l: 'nobody-1234' });
    expect(known.data).toEqual({ resendVerificationEmail: true });
    expect(unknown.data).toEqual({ resendVerificationEmail: true });
    expect(await stack.outbox(input.email)).toHaveLength(2);
    const newest = await tokenMailedTo(stack, input.email, 'Verification token');
    expect((await stack.graphql(VerifyEmailDocument, { token: newest })).data.verifyEmail).toBe(true);
  });

  it('refuses an expired verification link', async () => {
    const input = newMemberFields('expired');
    await signUpIndividual(stack, input);
    const token = await tokenMailedTo(stack, input.email, 'Verification token');
    await stack.sql("update identity.email_verification set expires_at = now() - interval '1 second' where token_hash = ?", [
      tokenDigest(stack.subgraphs.identity.createContext().env, token),
    ]);
    const result = await stack.graphql(VerifyEmailDocument, { token });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('signup input rules (R-SIGNUP-2,3, passwords)', () => {
  it.each([
    ['a login ID that is too short', { loginId: 'abc' }, 'loginId'],
    ['a login ID starting with a digit', { loginId: '1abcdef' }, 'loginId'],
    ['a login ID with spaces', { loginId: 'ab cdef' }, 'loginId'],
    ['a short password', { password: 'Ab1!xyz' }, 'password'],
    ['a common password', { password: 'qwer1234!' }, 'password'],
    ['a password containing the login ID', { loginId: 'kimchi99', password: 'my-kimchi99-pw' }, 'password'],
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['a business number in another format', { businessNumber: '12-345-67891' }, 'businessNumber'],
    ['a business number with a wrong check digit', { businessNumber: '1234567890' }, 'businessNumber'],
    ['a missing phone', { phone: null }, 'phone'],
    ['a blank company name', { companyName: '  ' }, 'companyName'],
  ])('refuses %s with BAD_USER_INPUT and creates nothing', async (_label, overrides, field) => {
    const input = corporate(overrides);
    const result = await signUpCorporate(stack, input);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await accountsNamed(String(input.loginId))).toBe(0);
  });

  it('refuses a taken login ID in any case, and says so beforehand', async () => {
    expect((await stack.graphql(LoginIdAvailableDocument, { loginId: 'DEMO-ADMIN' })).data.loginIdAvailable).toBe(false);
    const result = await signUpIndividual(stack, { ...newMemberFields(), loginId: 'Demo-Admin' });
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const malformed = await stack.graphql(LoginIdAvailableDocument, { loginId: 'x' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a registered business number with CONFLICT', async () => {
    const input = corporate({ businessNumber: '123-45-67891' });
    const result = await signUpCorporate(stack, input);
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await accountsNamed(input.loginId)).toBe(0);
  });

  it('lets exactly one of two simultaneous signups with one business number through, leaving nothing of the other', async () => {
    const businessNumber = newBusinessNumber();
    const [a, b] = [corporate({ businessNumber }), corporate({ businessNumber })];
    const results = await Promise.all([signUpCorporate(stack, a), signUpCorporate(stack, b)]);
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(await stack.sql('select count(*)::int as n from organization.company where business_number = ?', [businessNumber])).toEqual([{ n: 1 }]);
    const loser = results[0]!.errors ? a : b;
    expect(await accountsNamed(loser.loginId)).toBe(0);
    expect((await stack.graphql(LoginIdAvailableDocument, { loginId: loser.loginId })).data.loginIdAvailable).toBe(true);
  });

  it('lets exactly one of two simultaneous signups with one login ID through', async () => {
    const shared = newMemberFields('race');
    const results = await Promise.all([
      signUpIndividual(stack, shared),
      signUpIndividual(stack, { ...newMemberFields(), loginId: shared.loginId.toUpperCase() }),
    ]);
    expect(results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    expect(await accountsNamed(shared.loginId)).toBe(1);
  });
});

describe('retries', () => {
  it('returns the first result for a repeated idempotency key, creating and mailing once', async () => {
    const input = { ...newMemberFields('retry'), idempotencyKey: `form-${Date.now()}` };
    const first = await signUpIndividual(stack, input);
    const second = await signUpIndividual(stack, input);
    expect(second.errors).toBeUndefined();
    expect(second.data.signUpIndividual.user.id).toBe(first.data.signUpIndividual.user.id);
    expect(await accountsNamed(input.loginId)).toBe(1);
    expect(await stack.outbox(input.email)).toHaveLength(1);
    const [{ n }] = await stack.sql(
      "select count(*)::int as n from billing.prepaid_lot where grant_key like 'signup:%' and company_id = (select company_id from identity.account where id = ?)",
      [first.data.signUpIndividual.user.id],
    );
    expect(n).toBe(1);
  });

  it('refuses a reused idempotency key for a different signup', async () => {
    const key = `form-${Date.now()}-x`;
    await signUpIndividual(stack, { ...newMemberFields(), idempotencyKey: key });
    const other = await signUpIndividual(stack, { ...newMemberFields(), idempotencyKey: key });
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('referral codes (R-SIGNUP-4)', () => {
  it('grants the referral event plan to both companies once the new email is verified, exactly once', async () => {
    await stack.sql("update organization.company set referral_code = 'DEMO7REF9' where id = ?", [DemoIds.company]);
    const referrerLots = () =>
      stack.sql<{ grant_key: string }>("select grant_key from billing.prepaid_lot where company_id = ? and plan_code = 'REFERRAL_EVENT'", [DemoIds.company]);
    const before = (await referrerLots()).length;
    const input = newMemberFields('referred');
    const result = await signUpIndividual(stack, { ...input, referralCode: ' demo7ref9 ' });
    expect(result.errors).toBeUndefined();
    const userId = result.data.signUpIndividual.user.id;
    const [{ company_id: newCompany }] = await stack.sql('select company_id from identity.account where id = ?', [userId]);
    const newLots = () => stack.sql('select plan_code from billing.prepaid_lot where company_id = ? order by plan_code', [newCompany]);

    // Not yet: an unverified (possibly throwaway) signup earns nobody anything but its own signup plan.
    expect(await newLots()).toEqual([{ plan_code: 'SIGNUP_EVENT' }]);
    expect(await referrerLots()).toHaveLength(before);
    expect(await grantReferralReward(stack.subgraphs.identity.createContext() as never, userId)).toBe(false);
    expect(await referrerLots()).toHaveLength(before);

    const token = await tokenMailedTo(stack, input.email, 'Verification token');
    expect((await stack.graphql(VerifyEmailDocument, { token })).data.verifyEmail).toBe(true);
    expect(await newLots()).toEqual([{ plan_code: 'REFERRAL_EVENT' }, { plan_code: 'SIGNUP_EVENT' }]);
    expect((await referrerLots()).filter((lot) => lot.grant_key === `referral:${newCompany}:referrer`)).toHaveLength(1);

    // Retried verification, repeated grants, a sweep that finds the reward unrecorded: still once each.
    expect(errorCode(await stack.graphql(VerifyEmailDocument, { token }))).toBe('BAD_USER_INPUT');
    const ctx = () => stack.subgraphs.identity.createContext() as never;
    expect(await grantReferralReward(ctx(), userId)).toBe(false);
    await stack.sql('update identity.account set referral_granted_at = null where id = ?', [userId]);
    await Promise.all([grantReferralReward(ctx(), userId), grantReferralReward(ctx(), userId), grantPendingReferralRewards(ctx())]);
    expect(await newLots()).toEqual([{ plan_code: 'REFERRAL_EVENT' }, { plan_code: 'SIGNUP_EVENT' }]);
    expect(await referrerLots()).toHaveLength(before + 1);
    expect(await stack.sql('select referral_granted_at is not null as granted from identity.account where id = ?', [userId])).toEqual([{ granted: true }]);
  });

  it('refuses an unknown code with BAD_USER_INPUT and creates nothing', async () => {
    const input = newMemberFields('badref');
    const result = await signUpIndividual(stack, { ...input, referralCode: 'NO-SUCH-CODE' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'referralCode' });
    expect(await accountsNamed(input.loginId)).toBe(0);
  });
});

describe('when a later step fails', () => {
  it('leaves nothing half-created: no account, no company, no grant', async () => {
    const broken = await startStack();
    try {
      await broken.subgraphs.billing.stop();
      const input = corporate();
      const result = await signUpCorporate(broken, input);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(await broken.sql('select count(*)::int as n from identity.account where login_id = ?', [input.loginId])).toEqual([{ n: 0 }]);
      expect(await broken.sql('select count(*)::int as n from organization.company where business_number = ?', [input.businessNumber])).toEqual([{ n: 0 }]);
      expect(await broken.outbox(input.email)).toEqual([]);
    } finally {
      await broken.gateway.stop();
      await Promise.all((['identity', 'organization', 'documents'] as const).map((name) => broken.subgraphs[name].stop()));
    }
  });
});

describe('signups abandoned half-way', () => {
  it('are undone by the sweeper once they are 10 minutes old, freeing the login ID and business number', async () => {
    const input = corporate();
    const [{ id }] = await stack.sql(
      "insert into identity.account (id, login_id, name, email, password_hash, signup_state, created_at) values (gen_random_uuid(), ?, 'x', 'x@example.com', 'x', 'PENDING', now() - interval '11 minutes') returning id",
      [input.loginId],
    );
    const ctx = stack.subgraphs.identity.createContext();
    const { companyId } = await ctx.services.to<OrganizationRoutes>('organization').signup.createCompany.mutate({
      kind: 'CORPORATE',
      accountId: id,
      name: input.companyName,
      businessNumber: input.businessNumber,
      representative: input.representative,
    });
    await stack.sql('update identity.account set company_id = ? where id = ?', [companyId, id]);
    await ctx.services.to<BillingRoutes>('billing').grant.event.mutate({ companyId, planCode: 'SIGNUP_EVENT', grantKey: `signup:${companyId}` });

    expect(await sweepAbandonedSignups(stack.subgraphs.identity.createContext() as never)).toBeGreaterThanOrEqual(1);
    expect(await accountsNamed(input.loginId)).toBe(0);
    expect(await stack.sql('select id from organization.company where id = ?', [companyId])).toEqual([]);
    expect(await stack.sql('select id from billing.prepaid_lot where company_id = ?', [companyId])).toEqual([]);
    const again = await signUpCorporate(stack, input);
    expect(again.errors).toBeUndefined();
  });

  it('leave a young pending signup alone', async () => {
    const loginId = newMemberFields('young').loginId;
    await stack.sql(
      "insert into identity.account (id, login_id, name, email, password_hash, signup_state) values (gen_random_uuid(), ?, 'x', 'x@example.com', 'x', 'PENDING')",
      [loginId],
    );
    await sweepAbandonedSignups(stack.subgraphs.identity.createContext() as never);
    expect(await accountsNamed(loginId)).toBe(1);
    const taken = await signUpIndividual(stack, { ...newMemberFields(), loginId });
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
