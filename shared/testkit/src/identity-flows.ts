import { SignUpCorporateDocument, SignUpIndividualDocument, VerifyEmailDocument, type SignUpCorporateInput, type SignUpIndividualInput } from '@econtract/sdk';
import { randomBytes } from 'node:crypto';
import { businessNumberCheckDigit, businessNumberPartsPossible } from '@econtract/server-kit';
import type { GraphQLResponse, Stack } from './stack.ts';

/** Random, valid values for a new signup; each call differs, so tests never collide. */
export function newMemberFields(prefix = 'user') {
  const suffix = randomBytes(4).toString('hex');
  return {
    loginId: `${prefix}-${suffix}`,
    password: `Correct-horse-${suffix}!`,
    name: '홍길동',
    email: `${prefix}-${suffix}@example.com`,
    phone: '010-1234-5678',
  };
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

// Tests also send deliberately malformed input, so the input is loose here; the documents are the SDK's.
export const signUpCorporate = (stack: Stack, input: Record<string, unknown>): Promise<GraphQLResponse> =>
  stack.graphql(SignUpCorporateDocument, { input: input as SignUpCorporateInput });
export const signUpIndividual = (stack: Stack, input: Record<string, unknown>): Promise<GraphQLResponse> =>
  stack.graphql(SignUpIndividualDocument, { input: input as SignUpIndividualInput });

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
  const verified = await stack.graphql(VerifyEmailDocument, { token });
  if (!verified.data?.verifyEmail) throw new Error(`verify failed: ${JSON.stringify(verified.errors)}`);
  return { ...fields, id: result.data.signUpIndividual.user.id as string };
}
