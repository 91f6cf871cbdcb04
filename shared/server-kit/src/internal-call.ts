import { AppError, ErrorCode, KOREAN_MESSAGE_EXTENSION, msg } from './errors.ts';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from './internal-token.ts';
import { serviceFetch } from './keep-alive.ts';
import { REQUEST_ID_HEADER } from './logger.ts';
import type { Viewer } from './viewer.ts';

export interface InternalCallOptions {
  secret: string;
  caller: string;
  requestId?: string;
  viewer?: Viewer | null;
  /** Makes a retried call a no-op at the receiver: keyed by the initiating entity's id. */
  idempotencyKey?: string;
  timeoutMs?: number;
}

/** A call that failed without an answer; `delivered: false` means the receiver certainly did nothing. */
export class InternalCallError extends Error {
  override name = 'InternalCallError';
  constructor(
    message: string,
    readonly delivered: boolean,
  ) {
    super(message);
  }
}

const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * Service-to-service call to another service's `/internal/<route>`; these routes are not part of
 * the public supergraph. A refusal comes back as the same AppError the receiver raised.
 */
export async function callInternal<T>(baseUrl: string, route: string, body: unknown, options: InternalCallOptions): Promise<T> {
  const token = await signInternalToken(options.secret, { caller: options.caller, viewer: options.viewer ?? null, requestId: options.requestId });
  const response = await serviceFetch(new URL(`/internal/${route}`, baseUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [INTERNAL_TOKEN_HEADER]: token,
      ...(options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {}),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    body: JSON.stringify(body ?? {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  }).catch((error: Error & { cause?: { code?: string } }) => {
    throw new InternalCallError(`internal call ${route} failed: ${error.cause?.code ?? error.message}`, !NOT_DELIVERED.has(error.cause?.code ?? ''));
  });
  type Refusal = { message: string; extensions?: { code?: ErrorCode; [KOREAN_MESSAGE_EXTENSION]?: unknown } };
  const payload = (await response.json().catch(() => null)) as { data?: T; errors?: Refusal[] } | null;
  if (response.ok && payload && 'data' in payload) return payload.data as T;
  const first = payload?.errors?.[0];
  const code = first?.extensions?.code;
  // 422 is the receiver's own refusal (an AppError, its Korean text kept); any other status means the call itself failed.
  if (response.status === 422 && first && code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const ko = first.extensions?.[KOREAN_MESSAGE_EXTENSION];
    throw new AppError(code, msg(first.message, typeof ko === 'string' ? ko : first.message));
  }
  throw new InternalCallError(`internal call ${route} failed with HTTP ${response.status}${code ? ` (${code})` : ''}`, true);
}
