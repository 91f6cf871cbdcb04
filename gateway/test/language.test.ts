import { describe, expect, it } from 'vitest';
import { prefersKorean } from '@econtract/server-kit';
import { useStack } from '@econtract/testkit';

const stack = useStack();
const WRONG = 'mutation { login(loginId: "demo-admin", password: "Wrong-password-1") { accessToken } }';

describe('messages by Accept-Language (English by default)', () => {
  it('answers in Korean when the client prefers it, and never shows the carrier field', async () => {
    const korean = await stack.graphql(WRONG, {}, { headers: { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' } });
    const english = await stack.graphql(WRONG, {}, { headers: { 'accept-language': 'en-US,en;q=0.9,ko;q=0.5' } });
    const none = await stack.graphql(WRONG);
    expect(korean.errors?.[0]?.message).toBe('아이디 또는 비밀번호가 올바르지 않습니다.');
    expect(english.errors?.[0]?.message).toBe('The login ID or password is incorrect.');
    expect(none.errors?.[0]?.message).toBe(english.errors?.[0]?.message);
    for (const result of [korean, english, none]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.extensions).not.toHaveProperty('messageKo');
    }
  });

  it('localizes refusals made before GraphQL runs, such as a bad access token', async () => {
    const result = await stack.graphql('{ viewer { id } }', {}, { token: 'garbage', headers: { 'accept-language': 'ko' } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.message).toMatch(/다시 로그인해 주세요/);
    expect(result.errors?.[0]?.extensions).not.toHaveProperty('messageKo');
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
