import { badUserInput } from '@econtract/server-kit';

/**
 * R-SIGNUP-3 login ID rules: 4–20 characters, a letter first, then letters, digits, `.`, `_` or `-`.
 * Stored as typed; compared without regard to case.
 */
export const LOGIN_ID_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{3,19}$/;
export const LOGIN_ID_RULES = 'A login ID is 4–20 characters: a letter first, then letters, digits, ".", "_" or "-".';

export const loginKeyOf = (loginId: string): string => loginId.trim().toLowerCase();

export function assertLoginId(loginId: string): string {
  const trimmed = loginId.trim();
  if (!LOGIN_ID_PATTERN.test(trimmed)) throw badUserInput(LOGIN_ID_RULES, { field: 'loginId' });
  return trimmed;
}
