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
  /** Too many requests of one kind from one client or for one target; `extensions.retryAfter` says how many seconds to wait. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** An uploaded file's bytes are not what its kind accepts (not a PDF, encrypted, too many pages, …); `reason` says which. */
  FILE_REJECTED: 'FILE_REJECTED',
  /** An outside service (e.g. the card company) did not answer; nothing was recorded, retrying is safe. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The operation is too deep, too wide or too costly; refused before any work (HTTP 400). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** Refusals of the HTTP request itself, before GraphQL runs (see `http.ts`). */
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A message in English (the default) and Korean; the gateway picks one by `Accept-Language`. */
export interface Localized {
  en: string;
  ko: string;
}
/** Every message a person reads, in both languages; a bare string does not type-check. */
export type Message = Localized;
export const msg = (en: string, ko: string): Localized => ({ en, ko });

/** A call to a sibling service that failed without an answer; `delivered: false` means the receiver certainly did nothing. */
export class InternalCallError extends Error {
  override name = 'InternalCallError';
  constructor(
    message: string,
    readonly delivered: boolean,
  ) {
    super(message);
  }
}

/** What a client reads when a sibling service did not answer (timeout, restart): coded and retryable, not an internal fault. */
export const SERVICE_UNAVAILABLE_MESSAGE = msg(
  'A service this request needs did not answer in time. Please try again in a moment.',
  '이 요청에 필요한 서비스가 제때 응답하지 않았습니다. 잠시 후 다시 시도해 주세요.',
);

/** Where the Korean text travels from a subgraph to the gateway; never shown to clients. */
export const KOREAN_MESSAGE_EXTENSION = 'messageKo';

/** An expected failure: its message is written for the person using the product. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    readonly localized: Message,
    details?: Record<string, unknown>,
  ) {
    super(localized.en, { extensions: { code, [KOREAN_MESSAGE_EXTENSION]: localized.ko, ...details } });
    this.name = 'AppError';
  }
}

export const unauthenticated = (message: Message = msg('Sign in to continue.', '로그인이 필요합니다.')) => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message: Message = msg('You do not have permission to do this.', '이 작업을 할 권한이 없습니다.')) =>
  new AppError(ErrorCode.FORBIDDEN, message);
export const badUserInput = (message: Message, details?: Record<string, unknown>) => new AppError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: Message) => new AppError(ErrorCode.NOT_FOUND, message);
export const conflict = (message: Message) => new AppError(ErrorCode.CONFLICT, message);

/** True when the client's Accept-Language ranks Korean above English (English is the default). */
export function prefersKorean(acceptLanguage: string | null | undefined): boolean {
  if (!acceptLanguage) return false;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((param) => param.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && (entry.tag.startsWith('ko') || entry.tag.startsWith('en') || entry.tag === '*'))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('ko') ?? false;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
function localizeRow(row: Record<string, unknown>, korean: boolean): Record<string, unknown> {
  const { [KOREAN_MESSAGE_EXTENSION]: ko, ...rest } = row;
  return { ...rest, message: korean && typeof ko === 'string' ? ko : rest.message };
}

/** The client's language applied to formatted errors, and the Korean carrier field removed. */
export function localizeErrors<E extends GraphQLFormattedError>(errors: readonly E[], korean: boolean): E[] {
  return errors.map((error) => {
    const { [KOREAN_MESSAGE_EXTENSION]: ko, ...extensions } = error.extensions ?? {};
    // Row-level refusals (a bulk issuance) carry both languages per row too.
    if (Array.isArray(extensions.rows)) extensions.rows = extensions.rows.map((row) => (isRecord(row) ? localizeRow(row, korean) : row));
    return { ...error, message: korean && typeof ko === 'string' ? ko : error.message, ...(error.extensions ? { extensions } : {}) };
  });
}

/** Codes produced by graphql-js and Apollo themselves for malformed requests; passed through as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
// INTERNAL_SERVER_ERROR is never passed through: Apollo also uses it for faults whose text is internal.
const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), ...REQUEST_CODES].filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/** What a client reads about an internal fault, wherever it is masked. */
export const INTERNAL_ERROR_MESSAGE = msg(
  'Something went wrong on our side. Please try again; if it keeps happening, contact the customer centre.',
  '일시적인 오류가 발생했습니다. 다시 시도해 주시고, 계속되면 고객센터에 문의해 주세요.',
);

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
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof InternalCallError) {
    return {
      message: SERVICE_UNAVAILABLE_MESSAGE.en,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, [KOREAN_MESSAGE_EXTENSION]: SERVICE_UNAVAILABLE_MESSAGE.ko, retryable: true },
    };
  }
  const status = (formatted.extensions?.http as { status?: number } | undefined)?.status;
  return {
    message: INTERNAL_ERROR_MESSAGE.en,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      [KOREAN_MESSAGE_EXTENSION]: INTERNAL_ERROR_MESSAGE.ko,
      ...(status ? { http: { status } } : {}),
    },
  };
}

/** The message in the language the client's Accept-Language prefers (English by default). */
export const inClientLanguage = (message: Localized, acceptLanguage: string | null | undefined): string =>
  prefersKorean(acceptLanguage) ? message.ko : message.en;

/** A JSON body in GraphQL's error shape, for refusals made before GraphQL runs (e.g. a missing token). */
export const errorBody = (code: ErrorCode, message: Localized, acceptLanguage: string | null | undefined) => ({
  errors: [{ message: inClientLanguage(message, acceptLanguage), extensions: { code } }],
});
