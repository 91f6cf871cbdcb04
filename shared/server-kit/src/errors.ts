import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Every code a client may see in `extensions.code`; clients branch on these, so never rename one. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  EMAIL_NOT_VERIFIED: 'EMAIL_NOT_VERIFIED',
  QUOTA_EXHAUSTED: 'QUOTA_EXHAUSTED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure: its message is written for the person using the product. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'Sign in to continue.') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You do not have permission to do this.') => new AppError(ErrorCode.FORBIDDEN, message);
export const badUserInput = (message: string, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string) => new AppError(ErrorCode.NOT_FOUND, message);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);

/** Codes produced by graphql-js and Apollo themselves for malformed requests; passed through as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);
// INTERNAL_SERVER_ERROR is never passed through: Apollo also uses it for faults whose text is internal.
const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), ...REQUEST_CODES].filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/**
 * Apollo `formatError` for every server: known codes pass; anything else is an internal fault and is
 * masked, so no message, stack or SQL of it reaches a client (the caller logs the original).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, onInternal?: (error: unknown) => void): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  onInternal?.(error);
  const status = (formatted.extensions?.http as { status?: number } | undefined)?.status;
  return {
    message: 'Something went wrong on our side. Please try again; if it keeps happening, contact the customer centre.',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(status ? { http: { status } } : {}) },
  };
}

/** A JSON body in GraphQL's error shape, for refusals made before GraphQL runs (e.g. a missing token). */
export const errorBody = (code: ErrorCode, message: string) => ({ errors: [{ message, extensions: { code } }] });
