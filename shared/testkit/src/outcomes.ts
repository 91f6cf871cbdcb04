import { AppError } from '@econtract/server-kit';
import type { GraphQLResponse } from './stack.ts';

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
