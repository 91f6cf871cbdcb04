import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { AppError, generateInternalKeyEnv } from '@econtract/server-kit';
import type { GraphQLResponse, Stack } from './stack.ts';

/** The first error's `extensions.code` of a GraphQL answer, or 'OK' when it has none. */
export const errorCode = (result: Pick<GraphQLResponse, 'errors'>): string => result.errors?.[0]?.extensions?.code ?? 'OK';

/** An input the type checker would refuse, sent on purpose to see the receiving route refuse it too. */
export const malformed = <T>(input: unknown): T => input as T;

/** The AppError code an internal call was refused with, or 'OK' when it succeeded. */
export const rejectionCode = (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => 'OK',
    (error: unknown) => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`),
  );

/** Runs an operation as a signed-in user (token) through the gateway and fails the test on any error. */
export async function ok<T = any>(stack: Stack, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await stack.graphql<T>(query, variables, { token });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

/** The first error's code and message; fails the test if the operation succeeded. */
export async function refused(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ code: string | undefined; message: string; result: GraphQLResponse }> {
  const result = await stack.graphql(query, variables, { token });
  expect(result.errors, `expected a refusal, got ${JSON.stringify(result.data)}`).toBeDefined();
  return { code: result.errors![0]!.extensions?.code, message: result.errors![0]!.message, result };
}

/**
 * Settings for a stack started with NODE_ENV=production: production refuses every secret written in
 * the repository, so each is made per run.
 */
export function productionEnv(): Record<string, string> {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    NODE_ENV: 'production',
    INTERNAL_TOKEN_SECRET: secret(),
    ACCESS_TOKEN_SECRET: secret(),
    OUTBOX_ENCRYPTION_KEY: secret(),
    TOKEN_HASH_SECRET: secret(),
    DATABASE_URL: 'postgres://set-by-the-test-kit/unused',
    ...generateInternalKeyEnv(),
  };
}
