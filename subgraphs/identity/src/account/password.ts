import argon2 from 'argon2';
import { badUserInput, msg } from '@econtract/server-kit';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

/** A hash of nothing, verified when the login ID is unknown so both answers take the same time. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  const candidate = password.slice(0, PASSWORD_MAX * 4);
  if (!hash) {
    decoyHash ??= hashPassword('decoy-password-for-timing');
    await argon2.verify(await decoyHash, candidate).catch(() => false);
    return false;
  }
  return argon2.verify(hash, candidate).catch(() => false);
}

/** Length 8–128, not a common password, not the login ID: the rest is the person's choice (NIST 800-63B). */
export function assertAcceptablePassword(password: string, loginId?: string): void {
  const field = { field: 'password' };
  if ([...password].length < PASSWORD_MIN)
    throw badUserInput(msg(`A password needs at least ${PASSWORD_MIN} characters.`, `비밀번호는 ${PASSWORD_MIN}자 이상이어야 합니다.`), field);
  if ([...password].length > PASSWORD_MAX)
    throw badUserInput(msg(`A password can have at most ${PASSWORD_MAX} characters.`, `비밀번호는 ${PASSWORD_MAX}자 이하여야 합니다.`), field);
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || /^(.)\1+$/.test(password))
    throw badUserInput(
      msg('This password is too common: choose one that is harder to guess.', '너무 흔한 비밀번호입니다. 추측하기 어려운 비밀번호를 사용해 주세요.'),
      field,
    );
  if (loginId && lowered.includes(loginId.trim().toLowerCase()))
    throw badUserInput(msg('A password must not contain the login ID.', '비밀번호에 아이디를 포함할 수 없습니다.'), field);
}
