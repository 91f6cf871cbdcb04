import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SubgraphContext } from '../src/context.ts';
import { AppError, ErrorCode, InternalCallError, KOREAN_MESSAGE_EXTENSION, msg } from '../src/errors.ts';
import { createHttpApp, listen, type Listening } from '../src/http.ts';
import { internalClient } from '../src/internal-call.ts';
import { generateInternalKeyEnv, internalKeysFor, type InternalKeys } from '../src/internal-keys.ts';
import { IDEMPOTENCY_KEY_HEADER, internalProcedure, internalRouter, mountInternalRoutes } from '../src/internal-routes.ts';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../src/internal-token.ts';
import { REQUEST_ID_HEADER } from '../src/logger.ts';
import { createLogger } from '../src/logger.ts';

// The seam itself, on a router of its own: what every subgraph's internal routes inherit.
const KEY_ENV = generateInternalKeyEnv();
const BILLING = internalKeysFor(KEY_ENV, 'billing');
const GATEWAY = internalKeysFor(KEY_ENV, 'gateway');
let handled = 0;

const router = internalRouter({
  probe: internalRouter({
    echo: internalProcedure.input(z.object({ count: z.number().int().min(1), note: z.string().max(5).optional() })).mutation(({ input, ctx }) => {
      handled++;
      return { count: input.count, caller: ctx.caller, viewer: ctx.viewer?.userId ?? null, requestId: ctx.requestId, idempotencyKey: ctx.idempotencyKey };
    }),
    refuse: internalProcedure.query(() => {
      throw new AppError(ErrorCode.CONFLICT, msg('This number is taken.', '이미 사용 중인 번호입니다.'));
    }),
    fail: internalProcedure.query((): string => {
      throw new Error('select * from secret_table failed');
    }),
    // A handler whose answer breaks its declared output (the type checker would refuse it).
    misanswer: internalProcedure.output(z.object({ units: z.number() })).query(() => ({ units: 'many' }) as never),
    slow: internalProcedure.query(() => new Promise<string>((resolve) => setTimeout(() => resolve('late'), 1000))),
  }),
});

let server: Listening;
const log = createLogger('internal-routes-test', 'silent');
beforeAll(async () => {
  const app = createHttpApp();
  // Only what the procedures above read; no database is involved.
  mountInternalRoutes(app, router, { keys: BILLING, open: (claims) => ({ ...claims, log }) as unknown as SubgraphContext });
  server = await listen(http.createServer(app), 0);
});
afterAll(() => server.close());

const client = (options: { keys?: InternalKeys; timeoutMs?: number } = {}) =>
  internalClient<typeof router>(server.url, { keys: options.keys ?? BILLING, requestId: 'request-0001', timeoutMs: options.timeoutMs });

const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error: unknown) => error,
  );

describe('internal routes (tRPC behind the internal token)', () => {
  it('hands the handler its parsed input, the caller, the viewer, the request id and the idempotency key', async () => {
    const viewer = { userId: '0b8f6a43-3a8b-4f4c-9d7e-2f1f4d7a9c11', loginId: 'demo-admin', role: 'MEMBER' as const, sessionId: null, member: null };
    const answer = await client().probe.echo.mutate({ count: 3 }, { context: { idempotencyKey: 'grant:42' } });
    // A service's client speaks for itself: no viewer travels service to service.
    expect(answer).toEqual({ count: 3, caller: 'billing', viewer: null, requestId: 'request-0001', idempotencyKey: 'grant:42' });
    expect(await client().probe.echo.mutate({ count: 1 })).toMatchObject({ viewer: null, idempotencyKey: null });
    // Only the gateway's token names a viewer; the middleware hands it to the handler.
    const response = await fetch(`${server.url}/internal/probe.echo`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: await signInternalToken(GATEWAY, { viewer, requestId: undefined }),
        [REQUEST_ID_HEADER]: 'request-0002',
        [IDEMPOTENCY_KEY_HEADER]: 'grant:43',
      },
      body: '{"count":2}',
    });
    expect((await response.json()).result.data).toEqual({
      count: 2,
      caller: 'gateway',
      viewer: viewer.userId,
      requestId: 'request-0002',
      idempotencyKey: 'grant:43',
    });
    await expect(signInternalToken(BILLING, { viewer, requestId: undefined })).rejects.toThrow(/only the gateway/);
  });

  it('refuses a caller without a valid internal token (HTTP 401) and runs nothing', async () => {
    const before = handled;
    const response = await fetch(`${server.url}/internal/probe.echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"count":1}' });
    expect(response.status).toBe(401);
    const forged = await failureOf(client({ keys: { ...BILLING, signingKey: generateKeyPairSync('ed25519').privateKey } }).probe.echo.mutate({ count: 1 }));
    expect(forged).toBeInstanceOf(InternalCallError);
    expect((forged as InternalCallError).message).toMatch(/HTTP 401/);
    expect(handled).toBe(before);
  });

  it('refuses malformed input with BAD_USER_INPUT from the zod parse, before the handler runs', async () => {
    const before = handled;
    for (const input of [{}, { count: 0 }, { count: 1.5 }, { count: 2, note: 'too long' }, 'text']) {
      const error = await failureOf(client().probe.echo.mutate(input as never)); // deliberately not the input type
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
      expect((error as AppError).extensions[KOREAN_MESSAGE_EXTENSION]).toMatch(/^잘못된 요청입니다/);
    }
    expect(((await failureOf(client().probe.echo.mutate({ count: 2, note: 'too long' }))) as AppError).message).toMatch(/note: /);
    expect(handled).toBe(before);
  });

  it("raises the receiver's AppError at the caller: the same code, and the message in both languages", async () => {
    const error = await failureOf(client().probe.refuse.query());
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.CONFLICT, message: 'This number is taken.' });
    expect((error as AppError).extensions[KOREAN_MESSAGE_EXTENSION]).toBe('이미 사용 중인 번호입니다.');
  });

  it('turns an internal fault into an InternalCallError (delivered), without its text', async () => {
    const error = await failureOf(client().probe.fail.query());
    expect(error).toBeInstanceOf(InternalCallError);
    expect(error).toMatchObject({ delivered: true });
    expect(String((error as Error).message)).not.toMatch(/secret_table/);
    expect((error as Error).message).toMatch(/probe\.fail failed with HTTP 500/);
  });

  it('never sends an answer that does not match the declared output: the caller gets an InternalCallError', async () => {
    const error = await failureOf(client().probe.misanswer.query());
    expect(error).toBeInstanceOf(InternalCallError);
    expect(error).toMatchObject({ delivered: true });
  });

  it('tells a call that never arrived (delivered: false) from one whose answer is unknown (timed out)', async () => {
    const timedOut = await failureOf(client({ timeoutMs: 100 }).probe.slow.query());
    expect(timedOut).toBeInstanceOf(InternalCallError);
    expect(timedOut).toMatchObject({ delivered: true });

    const closed = await listen(http.createServer(), 0);
    await closed.close();
    const refused = await failureOf(internalClient<typeof router>(closed.url, { keys: BILLING }).probe.echo.mutate({ count: 1 }));
    expect(refused).toBeInstanceOf(InternalCallError);
    expect(refused).toMatchObject({ delivered: false });
    expect((refused as Error).message).toMatch(/ECONNREFUSED/);
  });
});
