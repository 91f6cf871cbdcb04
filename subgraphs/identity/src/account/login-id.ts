import { badUserInput, msg } from '@econtract/server-kit';

/**
 * R-SIGNUP-3 login ID rules: 4–20 characters, a letter first, then letters, digits, `.`, `_` or `-`.
 * Stored as typed; compared without regard to case.
 */
export const LOGIN_ID_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{3,19}$/;
export const LOGIN_ID_RULES = msg(
  'A login ID is 4–20 characters: a letter first, then letters, digits, ".", "_" or "-".',
  '아이디는 영문자로 시작하는 4~20자의 영문자, 숫자, ".", "_", "-"로 만들어 주세요.',
);

export const loginKeyOf = (loginId: string): string => loginId.trim().toLowerCase();

export function assertLoginId(loginId: string): string {
  const trimmed = loginId.trim();
  if (!LOGIN_ID_PATTERN.test(trimmed)) throw badUserInput(LOGIN_ID_RULES, { field: 'loginId' });
  return trimmed;
}
