import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { businessNumberCheckDigit } from '@econtract/server-kit';
import { DemoIds, errorCode, newBusinessNumber, newMemberFields, signUpCorporate, useStack, verifiedMember } from '@econtract/testkit';
import { BusinessNumberCheckDocument, LoginDocument } from '@econtract/sdk';

// The smaller findings of issue #12, each with the attack that found it.
const stack = useStack();
const REGISTER = 'mutation ($input: RegisterStaffInput!) { registerStaff(input: $input) { id } }';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};
const timed = async (action: () => Promise<unknown>) => {
  const start = performance.now();
  await action();
  return performance.now() - start;
};
/** A number with a correct check digit but impossible parts, e.g. office code 000. */
const withCheckDigit = (firstNine: string) => `${firstNine}${businessNumberCheckDigit(firstNine)}`;

describe('no mail from a rolled-back action', () => {
  it('withdraws the verification mail of a staff registration that is cancelled', async () => {
    const admin = await stack.login('demo-admin');
    const { loginId, password, name, email, phone } = newMemberFields('rolled');
    await stack.sql(
      `create function organization.refuse_profile() returns trigger language plpgsql as $$ begin raise exception 'profile refused for the test'; end $$`,
    );
    await stack.sql('create trigger refuse_profile before insert on organization.staff_profile for each row execute function organization.refuse_profile()');
    try {
      const result = await stack.graphql(REGISTER, { input: { loginId, password, name, email, phone, grade: 'STAFF' } }, { token: admin });
      expect(errorCode(result)).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await stack.sql('drop trigger refuse_profile on organization.staff_profile');
      await stack.sql('drop function organization.refuse_profile()');
    }
    expect(await stack.sql('select id from identity.account where login_id = ?', [loginId])).toEqual([]);
    expect(await stack.outbox(email)).toEqual([]);
    expect(await stack.sql('select id from identity.outbox_message where "to" = ?', [email])).toEqual([]);
  });

  it("holds a registered staff member's mail back briefly, so a cancellation can still withdraw it", async () => {
    const admin = await stack.login('demo-admin');
    const { loginId, password, name, email, phone } = newMemberFields('held');
    expect(errorCode(await stack.graphql(REGISTER, { input: { loginId, password, name, email, phone, grade: 'STAFF' } }, { token: admin }))).toBe('OK');
    const [row] = await stack.sql<{ held: boolean }>(
      `select next_attempt_at > now() + interval '20 seconds' as held from identity.outbox_message where "to" = ?`,
      [email],
    );
    expect(row).toEqual({ held: true });
    expect(await stack.outbox(email)).toHaveLength(1);
  });
});

describe('operators see accounts, not companies', () => {
  it("shows a locked account's user to the operator without its company", async () => {
    const member = await verifiedMember(stack, 'oplock');
    for (let i = 0; i < 5; i++) await stack.graphql(LoginDocument, { loginId: member.loginId, password: 'Wrong-password-1' });
    const operator = await stack.login('operator');
    const locked = await stack.graphql('{ lockedAccounts { user { id loginId company { id name kind businessNumber } } } }', {}, { token: operator });
    expect(locked.errors).toBeUndefined();
    const entry = locked.data.lockedAccounts.find((candidate: { user: { id: string } }) => candidate.user.id === member.id);
    expect(entry.user).toEqual({ id: member.id, loginId: member.loginId, company: null });

    const reference = await stack.subgraphGraphql(
      'organization',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id name } } }',
      { r: [{ __typename: 'Company', id: DemoIds.company }] },
      {
        userId: DemoIds.operator,
        loginId: 'operator',
        role: 'OPERATOR',
        sessionId: null,
        member: null,
      },
    );
    expect(reference.data._entities).toEqual([null]);
  });
});

describe('idempotent signup replays', () => {
  it('answer with the account only when the same password is given', async () => {
    const fields = {
      ...newMemberFields('replay'),
      companyName: '재전송(주)',
      businessNumber: newBusinessNumber(),
      representative: '김대표',
      idempotencyKey: `form-${Date.now()}-replay`,
    };
    const first = await signUpCorporate(stack, fields);
    expect(first.errors).toBeUndefined();

    const attack = await stack.graphql(
      'mutation ($input: SignUpCorporateInput!) { signUpCorporate(input: $input) { user { id name email phone loginId } verificationEmailSentTo } }',
      { input: { ...fields, password: 'Someone-elses-guess-1', businessNumber: newBusinessNumber() } },
    );
    expect(errorCode(attack)).toBe('CONFLICT');
    expect(attack.data).toBeNull();
    const told = JSON.stringify(attack.errors);
    for (const detail of [fields.name, fields.email, '01012345678', first.data.signUpCorporate.user.id]) expect(told).not.toContain(detail);

    const retry = await signUpCorporate(stack, fields);
    expect(retry.data.signUpCorporate.user.id).toBe(first.data.signUpCorporate.user.id);
  });
});

describe('recovery does the same work whether or not an account matches', () => {
  it('answers findLoginId and requestPasswordReset in the same time for a match and a miss (40 paired tries)', { timeout: 120_000 }, async () => {
    const member = await verifiedMember(stack, 'timing');
    const FIND = 'mutation ($n: String!, $e: String!) { findLoginId(name: $n, email: $e) }';
    const RESET = 'mutation ($l: String!, $e: String!) { requestPasswordReset(loginId: $l, email: $e) }';
    const cases = {
      findLoginId: {
        match: () => stack.graphql(FIND, { n: member.name, e: member.email }),
        miss: () => stack.graphql(FIND, { n: member.name, e: `no-${member.email}` }),
      },
      requestPasswordReset: {
        match: () => stack.graphql(RESET, { l: member.loginId, e: member.email }),
        miss: () => stack.graphql(RESET, { l: `no-${member.loginId}`, e: member.email }),
      },
    };
    for (const [name, { match, miss }] of Object.entries(cases)) {
      // The same statements either way (counted exactly), then the same time (measured).
      await stack.sql("delete from identity.rate_limit_counter where bucket in ('find-login-id:email', 'password-reset:login-id')");
      const statements = { match: (await stack.countSql(match)).identity, miss: (await stack.countSql(miss)).identity };
      expect(statements.match, name).toBe(statements.miss);
      const times = { match: [] as number[], miss: [] as number[] };
      for (let i = 0; i < 43; i++) {
        // The per-target limits would refuse after three; the refusal is not what is measured here.
        await stack.sql("delete from identity.rate_limit_counter where bucket in ('find-login-id:email', 'password-reset:login-id')");
        const first = i % 2 ? 'match' : 'miss';
        const took = { match: 0, miss: 0 };
        for (const kind of [first, first === 'match' ? 'miss' : 'match'] as const) took[kind] = await timed(kind === 'match' ? match : miss);
        if (i < 3) continue; // the first tries warm up caches and connections
        times.match.push(took.match);
        times.miss.push(took.miss);
      }
      // Pairs taken back to back share the machine's load of the moment; their differences' median is the honest comparison.
      const difference = median(times.match.map((took, i) => took - times.miss[i]!));
      const withoutMatch = median(times.miss);
      console.info(
        `${name}: median ${median(times.match).toFixed(2)} ms with a match, ${withoutMatch.toFixed(2)} ms without; median paired difference ${difference.toFixed(2)} ms`,
      );
      expect(Math.abs(difference), name).toBeLessThan(Math.max(3, 0.25 * withoutMatch));
    }
  });
});

describe('impossible input', () => {
  it('refuses business numbers with impossible parts, though their check digit is right', async () => {
    for (const number of ['000-00-00000', withCheckDigit('000123456'), withCheckDigit('123004567'), withCheckDigit('123450000')]) {
      const signup = await signUpCorporate(stack, { ...newMemberFields('zeros'), companyName: '영(주)', businessNumber: number, representative: '김대표' });
      expect(signup.errors?.[0]?.extensions, number).toMatchObject({ code: 'BAD_USER_INPUT', field: 'businessNumber' });
      const check = await stack.graphql(BusinessNumberCheckDocument, { businessNumber: number });
      expect(check.data.businessNumberCheck, number).toEqual({ valid: false, registered: false });
    }
  });

  it('refuses an email address with control characters', async () => {
    for (const email of ['a\u0001@b.c', 'a@b.c\u007f', 'a\u0085b@c.de']) {
      const signup = await stack.graphql('mutation ($i: SignUpIndividualInput!) { signUpIndividual(input: $i) { user { id } } }', {
        i: { ...newMemberFields('ctl'), email },
      });
      expect(signup.errors?.[0]?.extensions, JSON.stringify(email)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    }
  });
});
