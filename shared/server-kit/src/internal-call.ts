import { AppError, ErrorCode } from './errors.ts';
import type { InternalKeys } from './internal-keys.ts';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from './internal-token.ts';
import { REQUEST_ID_HEADER } from './logger.ts';

export interface InternalCallOptions {
  /** The calling service's keys: the token proves who calls, and carries no viewer. */
  keys: InternalKeys;
  requestId?: string;
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
  const token = await signInternalToken(options.keys, { viewer: null, requestId: options.requestId });
  const response = await fetch(new URL(`/internal/${route}`, baseUrl), {
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
  const payload = (await response.json().catch(() => null)) as { data?: T; error?: { code: ErrorCode; message: string } } | null;
  if (response.ok && payload && 'data' in payload) return payload.data as T;
  if (payload?.error && payload.error.code !== ErrorCode.INTERNAL_SERVER_ERROR) throw new AppError(payload.error.code, payload.error.message);
  throw new InternalCallError(`internal call ${route} failed with HTTP ${response.status}`, true);
}
