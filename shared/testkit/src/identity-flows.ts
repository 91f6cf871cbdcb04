import { randomBytes } from 'node:crypto';
import { businessNumberCheckDigit, businessNumberPartsPossible } from '@econtract/server-kit';
import type { Stack } from './stack.ts';

/** Random, valid values for a new signup; each call differs, so tests never collide. */
export function newMemberFields(prefix = 'user') {
  const suffix = randomBytes(4).toString('hex');
  return { loginId: `${prefix}-${suffix}`, password: `Correct-horse-${suffix}!`, name: '홍길동', email: `${prefix}-${suffix}@example.com`, phone: '010-1234-5678' };
}

/** A business number with a correct check digit, different on each call. */
export function newBusinessNumber(): string {
  for (;;) {
    const digits = [...randomBytes(9)].map((byte) => byte % 10);
    digits[0] = 1 + (digits[0]! % 9);
    const firstNine = digits.join('');
    const number = `${firstNine}${businessNumberCheckDigit(firstNine)}`;
    if (businessNumberPartsPossible(number)) return number;
  }
}

const SIGN_UP_CORPORATE = `mutation ($input: SignUpCorporateInput!) { signUpCorporate(input: $input) { user { id loginId emailVerified } verificationEmailSentTo } }`;
const SIGN_UP_INDIVIDUAL = `mutation ($input: SignUpIndividualInput!) { signUpIndividual(input: $input) { user { id loginId emailVerified } verificationEmailSentTo } }`;

export const signUpCorporate = (stack: Stack, input: Record<string, unknown>) => stack.graphql(SIGN_UP_CORPORATE, { input });
export const signUpIndividual = (stack: Stack, input: Record<string, unknown>) => stack.graphql(SIGN_UP_INDIVIDUAL, { input });

/** The token in the newest mail to `email` that carries one (verification or reset). */
export async function tokenMailedTo(stack: Stack, email: string, kind: 'Verification token' | 'Reset token'): Promise<string> {
  for (const message of await stack.outbox(email)) {
    const match = new RegExp(`${kind}: (\\S+)`).exec(message.text);
    if (match) return match[1]!;
  }
  throw new Error(`no mail with a ${kind} to ${email}`);
}

/** Signs up an individual member and verifies the email, ready to sign in. */
export async function verifiedMember(stack: Stack, prefix = 'member') {
  const fields = newMemberFields(prefix);
  const result = await signUpIndividual(stack, fields);
  if (!result.data?.signUpIndividual) throw new Error(`signup failed: ${JSON.stringify(result.errors)}`);
  const token = await tokenMailedTo(stack, fields.email, 'Verification token');
  const verified = await stack.graphql('mutation ($t: String!) { verifyEmail(token: $t) }', { t: token });
  if (!verified.data?.verifyEmail) throw new Error(`verify failed: ${JSON.stringify(verified.errors)}`);
  return { ...fields, id: result.data.signUpIndividual.user.id as string };
}
