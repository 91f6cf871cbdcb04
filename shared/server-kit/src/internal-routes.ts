import { initTRPC, TRPCError, type AnyRouter, type inferRouterInputs, type inferRouterOutputs } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { Express, Request, Response } from 'express';
import type { SubgraphContext } from './context.ts';
import { AppError, badUserInput, ErrorCode, KOREAN_MESSAGE_EXTENSION, msg } from './errors.ts';
import { sendError } from './http.ts';
import type { InternalKeys } from './internal-keys.ts';
import { GATEWAY_ONLY_MESSAGE, internalClaimsOf, type InternalClaims } from './internal-token.ts';
import type { ServiceName } from './services.ts';

/**
 * Service-to-service routes: each subgraph serves one tRPC router at `/internal/<router>.<procedure>`,
 * never part of the public supergraph. Every procedure is built from `internalProcedure`, so its
 * input is parsed with its zod schema before the handler runs (a malformed one is BAD_USER_INPUT),
 * and it passes the middleware below: internal token, idempotency key, timing and logging.
 */

/** Makes a retried call a no-op at the receiver: the initiating entity's id (receivers key on it in the input too). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** What each internal call starts with: the HTTP exchange, and how this subgraph opens a request context. */
export interface InternalCallScope {
  req: Request;
  res: Response;
  /** The public keys of every caller this service accepts (internal-keys.ts). */
  keys: Pick<InternalKeys, 'verifyKeys'>;
  open(claims: InternalClaims): SubgraphContext<any>;
}

/** An AppError as it crosses the hop: its code and both languages, so the caller raises the same one. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  messageKo: string | null;
}

const refusalOf = (error: AppError): Refusal => {
  const ko = error.extensions[KOREAN_MESSAGE_EXTENSION];
  return { code: error.code, message: error.message, messageKo: typeof ko === 'string' ? ko : null };
};

/** The AppError a failed call amounts to: one the handler raised, or BAD_USER_INPUT for input its schema refused. */
function appErrorOf(error: TRPCError): AppError | null {
  if (error.cause instanceof AppError) return error.cause;
  const issues = (error.cause as { issues?: Array<{ path: PropertyKey[]; message: string }> } | undefined)?.issues;
  if (error.code !== 'BAD_REQUEST' || !Array.isArray(issues)) return null;
  const problems = issues.map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`).join('; ');
  return badUserInput(msg(`Invalid request: ${problems}`, `잘못된 요청입니다: ${problems}`));
}

const t = initTRPC.context<InternalCallScope>().create({
  // Never a stack trace or an internal error's text in an answer; the receiver logs them.
  isDev: false,
  errorFormatter({ shape, error }) {
    const refusal = error.cause instanceof AppError ? refusalOf(error.cause) : null;
    const message = refusal?.message ?? (error.code === 'INTERNAL_SERVER_ERROR' ? 'Internal error.' : shape.message);
    return { ...shape, message, data: { ...shape.data, refusal } };
  },
});

const internalCall = t.middleware(async ({ ctx, path, next }) => {
  const claims = await internalClaimsOf(ctx.keys, ctx.req, ctx.res);
  if (!claims) throw new TRPCError({ code: 'UNAUTHORIZED', message: GATEWAY_ONLY_MESSAGE.en });
  const idempotencyKey = ctx.req.header(IDEMPOTENCY_KEY_HEADER) ?? null;
  const context = ctx.open(claims);
  const log = context.log.child({ route: path, caller: claims.caller, ...(idempotencyKey ? { idempotencyKey } : {}) });
  const started = performance.now();
  const result = await next({ ctx: { ...context, log, idempotencyKey } });
  const ms = Math.round(performance.now() - started);
  if (result.ok) {
    log.debug({ ms }, 'internal call');
    return result;
  }
  const refusal = appErrorOf(result.error);
  if (!refusal) {
    log.error({ err: result.error.cause ?? result.error, ms }, 'internal route failed');
    return result;
  }
  log.debug({ ms, code: refusal.code }, 'internal call refused');
  throw new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: refusal.message, cause: refusal });
});

/** The start of every internal procedure: `.input(zodSchema)`, then `.query(...)` (reads) or `.mutation(...)` (changes). */
export const internalProcedure = t.procedure.use(internalCall);
export const internalRouter = t.router;
export const mergeInternalRouters = t.mergeRouters;

declare const servedBy: unique symbol;
/** A subgraph's routes type, tagged with the service that serves it, so a client cannot aim it at another. */
export type ServedBy<N extends ServiceName, R extends AnyRouter> = R & { readonly [servedBy]?: N };
export type ServedRoutes = ServedBy<ServiceName, AnyRouter>;
/** The service(s) whose internal routes `R` describes. */
export type ServiceOf<R extends ServedRoutes> = Exclude<R[typeof servedBy], undefined>;
/** What a route takes and answers, e.g. `RouteOutputs<IdentityRoutes>['account']['lookup']`. */
export type RouteInputs<R extends AnyRouter> = inferRouterInputs<R>;
export type RouteOutputs<R extends AnyRouter> = inferRouterOutputs<R>;

/** Serves `router` at `/internal/...`; the caller must send a valid internal token (see the middleware above). */
export function mountInternalRoutes(app: Express, router: AnyRouter, scope: Pick<InternalCallScope, 'keys' | 'open'>): void {
  // An unknown route gets the kit's coded JSON 404, like every other unknown address (no lazy routers here).
  app.use('/internal', (req, res, next) => {
    if (router._def.procedures[decodeURIComponent(req.path.slice(1))]) return next();
    sendError(req, res, 404, ErrorCode.NOT_FOUND, msg('No such internal route.', '존재하지 않는 내부 경로입니다.'));
  });
  app.use(
    '/internal',
    createExpressMiddleware({
      router,
      createContext: ({ req, res }): InternalCallScope => ({ req, res, ...scope }),
      // Reads go by POST too: a lookup of 1000 ids does not fit in a URL.
      allowMethodOverride: true,
      allowBatching: false,
      maxBodySize: 1024 * 1024,
    }),
  );
}
