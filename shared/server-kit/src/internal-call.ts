import { createTRPCClientProxy, httpLink, TRPCClientError, TRPCUntypedClient, type TRPCClient, type TRPCRequestOptions } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { AppError, ErrorCode, InternalCallError, msg } from './errors.ts';
import type { InternalKeys } from './internal-keys.ts';
import { IDEMPOTENCY_KEY_HEADER, type Refusal } from './internal-routes.ts';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from './internal-token.ts';
import { serviceFetch } from './keep-alive.ts';
import { REQUEST_ID_HEADER } from './logger.ts';

declare module '@trpc/client' {
  /** Per call: `client.grant.event.mutate(input, { context: { idempotencyKey } })`. */
  interface OperationContext {
    /** Makes a retried call a no-op at the receiver: keyed by the initiating entity's id. */
    idempotencyKey?: string;
  }
}

export interface InternalCallOptions {
  /** The calling service's own keys: the token proves who calls, and carries no viewer. */
  keys: InternalKeys;
  requestId?: string;
  timeoutMs?: number;
}

/**
 * A service's typed client of another's internal routes: `R` is the owner's routes type, imported
 * with `import type`, so no service loads another's code. Outputs are typed by inference only: both
 * sides are built from one commit and checked together by `pnpm typecheck`, and a receiver whose
 * answer grants access (the standings) also declares `.output(schema)`, which tRPC checks before it
 * answers. A client-side parse would need the owner's schemas at run time.
 */
export type InternalClient<R extends AnyRouter> = TRPCClient<R>;

const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** A refusal becomes the receiver's AppError again (both languages); anything else an InternalCallError. */
function callFailure(error: unknown, route: string): unknown {
  if (!(error instanceof TRPCClientError)) return error;
  const refusal = (error.data as { refusal?: Refusal | null } | undefined)?.refusal;
  if (refusal && refusal.code !== ErrorCode.INTERNAL_SERVER_ERROR)
    return new AppError(refusal.code, msg(refusal.message, refusal.messageKo ?? refusal.message));
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? (error.meta?.response as Response | undefined)?.status;
  if (status) return new InternalCallError(`internal call ${route} failed with HTTP ${status}`, true);
  const cause = error.cause as (Error & { cause?: { code?: string } }) | undefined;
  const code = cause?.cause?.code;
  return new InternalCallError(`internal call ${route} failed: ${code ?? cause?.message ?? error.message}`, !NOT_DELIVERED.has(code ?? ''));
}

class InternalCalls<R extends AnyRouter> extends TRPCUntypedClient<R> {
  override query(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    return super.query(path, input, opts).catch((error: unknown) => Promise.reject(callFailure(error, path)));
  }

  override mutation(path: string, input?: unknown, opts?: TRPCRequestOptions): Promise<unknown> {
    return super.mutation(path, input, opts).catch((error: unknown) => Promise.reject(callFailure(error, path)));
  }
}

/** The client of the internal routes served at `baseUrl`; each call signs a fresh internal token. */
export function internalClient<R extends AnyRouter>(baseUrl: string, options: InternalCallOptions): InternalClient<R> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const link = httpLink({
    url: new URL('/internal', baseUrl).href,
    // Reads go by POST too (see mountInternalRoutes).
    methodOverride: 'POST',
    fetch: (url, init) =>
      serviceFetch(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url, {
        ...init,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(init?.signal ? [init.signal] : [])]),
      } as Parameters<typeof serviceFetch>[1]),
    headers: async ({ op }) => ({
      // Service to service, nobody's viewer travels: only the gateway's GraphQL calls speak for a person.
      [INTERNAL_TOKEN_HEADER]: await signInternalToken(options.keys, { viewer: null, requestId: options.requestId }),
      ...(options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {}),
      ...(op.context.idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: op.context.idempotencyKey } : {}),
    }),
  });
  return createTRPCClientProxy(new InternalCalls<R>({ links: [link] }));
}
