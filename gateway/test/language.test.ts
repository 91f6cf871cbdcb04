import { describe, expect, it } from 'vitest';
import { prefersKorean } from '@econtract/server-kit';
import { useStack } from '@econtract/testkit';
import { LoginDocument, ViewerDocument } from '@econtract/sdk';

const stack = useStack();
const WRONG = { loginId: 'demo-admin', password: 'Wrong-password-1' };

describe('messages by Accept-Language (English by default)', () => {
  it('answers in Korean when the client prefers it, and never shows the carrier field', async () => {
    const korean = await stack.graphql(LoginDocument, WRONG, { headers: { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' } });
    const english = await stack.graphql(LoginDocument, WRONG, { headers: { 'accept-language': 'en-US,en;q=0.9,ko;q=0.5' } });
    const none = await stack.graphql(LoginDocument, WRONG);
    expect(korean.errors?.[0]?.message).toBe('아이디 또는 비밀번호가 올바르지 않습니다.');
    expect(english.errors?.[0]?.message).toBe('The login ID or password is incorrect.');
    expect(none.errors?.[0]?.message).toBe(english.errors?.[0]?.message);
    for (const result of [korean, english, none]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.extensions).not.toHaveProperty('messageKo');
    }
  });

  it('localizes refusals made before GraphQL runs, such as a bad access token', async () => {
    const result = await stack.graphql(ViewerDocument, {}, { token: 'garbage', headers: { 'accept-language': 'ko' } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.message).toMatch(/다시 로그인해 주세요/);
    expect(result.errors?.[0]?.extensions).not.toHaveProperty('messageKo');
  });

  // One refusal made by each subgraph's own code; English and Korean must both reach the client.
  const HANGUL = /[\uAC00-\uD7A3]/;
  const refusals = [
    // Not demo-admin: its failed attempts would lock it out of the cases below.
    {
      subgraph: 'identity',
      login: null,
      query: 'mutation { login(loginId: "no-such-member", password: "Wrong-password-1") { accessToken } }',
      code: 'UNAUTHENTICATED',
      english: /^The login ID or password is incorrect/,
    },
    {
      subgraph: 'organization',
      login: 'demo-admin',
      query: 'mutation { createDepartment(input: { name: "Language check" }) { id } }',
      code: 'CONFLICT',
      english: /^A department named "Language check" already exists/,
    },
    { subgraph: 'documents', login: 'operator', query: '{ documentCategories { id } }', code: 'FORBIDDEN', english: /^Only members of a company/ },
    {
      subgraph: 'billing',
      login: 'demo-admin',
      query: 'mutation { preparePayment(planCode: "FREE_PASS") { orderId } }',
      code: 'BAD_USER_INPUT',
      english: /^FREE_PASS cannot be bought by card/,
    },
  ] as const;

  it.each(refusals)('$subgraph refuses in Korean for ko-KR and in English for en', async ({ subgraph, login, query, code, english: expected }) => {
    const token = login ? await stack.login(login) : undefined;
    // The department exists after the first call, so both refusals below are the name conflict.
    if (subgraph === 'organization') expect((await stack.graphql(query, {}, { token })).errors).toBeUndefined();
    const korean = await stack.graphql(query, {}, { token, headers: { 'accept-language': 'ko-KR' } });
    const english = await stack.graphql(query, {}, { token, headers: { 'accept-language': 'en' } });
    for (const result of [korean, english]) {
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
      expect(result.errors?.[0]?.extensions).not.toHaveProperty('messageKo');
    }
    expect(korean.errors?.[0]?.message).toMatch(HANGUL);
    expect(english.errors?.[0]?.message).toMatch(expected);
  });

  it('localizes the subgraph and receipt refusals that are not GraphQL', async () => {
    const direct = (language: string) =>
      fetch(`${stack.subgraphs.billing.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': language },
        body: '{"query":"{ __typename }"}',
      });
    const [koDirect, enDirect] = await Promise.all([direct('ko-KR'), direct('en')]);
    expect((await koDirect.json()).errors[0].message).toMatch(HANGUL);
    expect((await enDirect.json()).errors[0].message).toMatch(/^This service answers only the e-contract gateway/);

    const receipt = (language: string) =>
      fetch(`${stack.gatewayUrl}/receipts/00000000-0000-4000-8000-000000000000?token=forged`, { headers: { 'accept-language': language } });
    const [koReceipt, enReceipt] = await Promise.all([receipt('ko-KR'), receipt('en')]);
    expect(koReceipt.status).toBe(401);
    expect((await koReceipt.json()).errors[0].message).toMatch(HANGUL);
    expect((await enReceipt.json()).errors[0].message).toMatch(/^This receipt link is invalid or has expired/);
  });

  it('ranks languages by quality, then order', () => {
    expect(prefersKorean('ko')).toBe(true);
    expect(prefersKorean('ko-KR')).toBe(true);
    expect(prefersKorean('en;q=0.5, ko;q=0.8')).toBe(true);
    expect(prefersKorean('en, ko')).toBe(false);
    expect(prefersKorean('ja, ko;q=0.7, en;q=0.9')).toBe(false);
    expect(prefersKorean('ko;q=0, en')).toBe(false);
    expect(prefersKorean(undefined)).toBe(false);
    expect(prefersKorean('*')).toBe(false);
  });
});
