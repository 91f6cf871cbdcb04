import { describe, expect, it } from 'vitest';
import { assertLoginId, LOGIN_ID_PATTERN, loginKeyOf } from './login-id.ts';

describe('login ID rules (R-SIGNUP-3)', () => {
  it('takes 4–20 characters: a letter first, then letters, digits, ".", "_" or "-"', () => {
    for (const good of ['abcd', 'a.b_c-d', 'Kim2026', `a${'b'.repeat(19)}`]) expect(LOGIN_ID_PATTERN.test(good), good).toBe(true);
    for (const bad of ['abc', `a${'b'.repeat(20)}`, '1abc', '_abc', 'ab cd', '김총괄', 'abc@d', '']) expect(LOGIN_ID_PATTERN.test(bad), bad).toBe(false);
  });

  it('trims what it accepts and refuses the rest with a coded, bilingual error', () => {
    expect(assertLoginId('  demo-admin ')).toBe('demo-admin');
    expect(() => assertLoginId('1bad')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', localized: expect.objectContaining({ ko: expect.stringMatching(/아이디/) }) }),
    );
  });

  it('compares without regard to case or surrounding spaces', () => {
    expect(loginKeyOf(' DEMO-Staff ')).toBe(loginKeyOf('demo-staff'));
  });
});
