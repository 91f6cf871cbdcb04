import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ErrorCode, errorBody, INTERNAL_ERROR_MESSAGE, type Localized, type Message, msg } from './errors.ts';
import { applyServerKeepAlive, KEEP_ALIVE, type KeepAliveTimings } from './keep-alive.ts';
import type { Logger } from './logger.ts';
import { normalizeRequestId, REQUEST_ID_HEADER } from './logger.ts';

export interface Listening {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** An Express app that tags each request with an id (the caller's if it sent a sane one). */
export function createHttpApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const requestId = normalizeRequestId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  });
  return app;
}

export const requestIdOf = (res: { locals: Record<string, unknown> }): string => String(res.locals.requestId);

export const bearerToken = (req: Request): string | undefined => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
};

/** Port 0 picks a free port (tests); the URL is what callers should use. Every server listens here. */
export function listen(server: http.Server, port: number, host = '127.0.0.1', keepAlive: KeepAliveTimings = KEEP_ALIVE): Promise<Listening> {
  applyServerKeepAlive(server, keepAlive);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        server,
        port: address.port,
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

export function logRequests(log: Logger) {
  return (req: Request, res: express.Response, next: express.NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug({ requestId: requestIdOf(res), method: req.method, path: req.originalUrl, status: res.statusCode, ms }, 'request');
    });
    next();
  };
}

/** A refusal of the HTTP request itself, before GraphQL runs; `serveJsonErrors` answers it. */
export class HttpRefusal extends Error {
  override name = 'HttpRefusal';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly text: Localized,
    readonly headers: Record<string, string> = {},
  ) {
    super(text.en);
  }
}

/** The largest request body any server reads (the gateway's public endpoint reads less). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `1 MB`, `100 KB`: a body limit as a person reads it. */
const sizeText = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

const refusals = {
  malformedJson: () => new HttpRefusal(400, ErrorCode.BAD_REQUEST, msg('The request body is not valid JSON.', '요청 본문이 올바른 JSON 형식이 아닙니다.')),
  unreadable: () => new HttpRefusal(400, ErrorCode.BAD_REQUEST, msg('This request cannot be read.', '요청을 읽을 수 없습니다.')),
  notGraphql: () =>
    new HttpRefusal(
      400,
      ErrorCode.BAD_REQUEST,
      msg(
        'Send a JSON object with a GraphQL `query` string (`variables` is an object, `operationName` a string, both optional).',
        'GraphQL `query` 문자열이 담긴 JSON 객체를 보내 주세요(`variables`는 객체, `operationName`은 문자열이며 둘 다 선택입니다).',
      ),
    ),
  getWithoutQuery: () =>
    new HttpRefusal(
      400,
      ErrorCode.BAD_REQUEST,
      msg(
        'Send GraphQL requests as POST with content-type application/json (a GET needs a `query` parameter and an `apollo-require-preflight` header).',
        'GraphQL 요청은 content-type application/json인 POST로 보내 주세요(GET에는 `query` 매개변수와 `apollo-require-preflight` 헤더가 필요합니다).',
      ),
    ),
  tooLarge: (limit = MAX_BODY_BYTES) =>
    new HttpRefusal(
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      msg(`The request body is larger than ${sizeText(limit)}.`, `요청 본문이 ${sizeText(limit).replace(' ', '')}를 넘습니다.`),
    ),
  mediaType: () =>
    new HttpRefusal(
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      msg(
        'Send the request body as JSON: content-type application/json, UTF-8, uncompressed.',
        '요청 본문은 JSON으로 보내 주세요: content-type application/json, UTF-8, 압축하지 않은 형태.',
      ),
    ),
  methodNotAllowed: () =>
    new HttpRefusal(405, ErrorCode.METHOD_NOT_ALLOWED, msg('GraphQL requests use POST (or GET).', 'GraphQL 요청에는 POST(또는 GET)를 사용해 주세요.'), {
      allow: 'GET, POST',
    }),
  notFound: () =>
    new HttpRefusal(
      404,
      ErrorCode.NOT_FOUND,
      msg(
        'Nothing is served at this address. GraphQL requests go to /graphql.',
        '이 주소에서 제공하는 내용이 없습니다. GraphQL 요청은 /graphql로 보내 주세요.',
      ),
    ),
};

/** Errors of body parsing and routing (`http-errors`: a 4xx `status` meant for the client) as refusals; anything else is internal. */
function refusalOf(error: unknown): HttpRefusal | undefined {
  if (error instanceof HttpRefusal) return error;
  const { status, expose, type, limit } = (error ?? {}) as { status?: unknown; expose?: unknown; type?: unknown; limit?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (status === 413) return refusals.tooLarge(typeof limit === 'number' ? limit : undefined);
  if (status === 415) return refusals.mediaType();
  if (status === 404) return refusals.notFound();
  return type === 'entity.parse.failed' ? refusals.malformedJson() : refusals.unreadable();
}

/** A GraphQL-style JSON error in the client's language (Accept-Language). */
export function sendError(req: Request, res: Response, status: number, code: ErrorCode, message: Message): void {
  res.status(status).json(errorBody(code, message, req.headers['accept-language']));
}

const requireJson: RequestHandler = (req, _res, next) => next(req.is('application/json') ? undefined : refusals.mediaType());
const readJson = express.json({ limit: MAX_BODY_BYTES });

/** Reads a JSON body of at most 1 MB; anything else is refused with 415, 413 or 400 by `serveJsonErrors`. */
export const jsonBody = (): RequestHandler[] => [requireJson, readJson];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape Apollo accepts; checked first so every refusal is ours, coded and in the client's language. */
function isGraphqlBody(body: unknown): boolean {
  if (!isRecord(body)) return false;
  const { query, variables, operationName, extensions } = body;
  const persisted = isRecord(extensions) && 'persistedQuery' in extensions;
  return (
    ((typeof query === 'string' && query.trim() !== '') || persisted) &&
    (variables == null || isRecord(variables)) &&
    (operationName == null || typeof operationName === 'string') &&
    (extensions == null || isRecord(extensions))
  );
}

/** A larger body admitted only for certain operations (the gateway's bulk issuance). */
export interface LargeBodies {
  maxBytes: number;
  /** Before the body is read: whether this request may be large at all (it is signed in). */
  mayBeLarge(req: Request): boolean;
  /** After: whether the body's operation is one that needs the room. */
  allowed(body: Record<string, unknown>): boolean;
}

/**
 * In front of every GraphQL endpoint: method, content type, size, JSON and its shape (one operation:
 * a batch, a JSON array, is refused). `maxBodyBytes` lowers the size limit (the gateway's public
 * endpoint); `largeBodies` lets the operations it names use up to its own limit.
 */
export function graphqlRequest(options: { maxBodyBytes?: number; largeBodies?: LargeBodies } = {}): RequestHandler[] {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const { largeBodies } = options;
  const bytesRead = new WeakMap<object, number>();
  const verify = (req: object, _res: unknown, buffer: Buffer) => void bytesRead.set(req, buffer.length);
  const readBody = options.maxBodyBytes ? express.json({ limit, verify }) : readJson;
  const readLarge = largeBodies ? express.json({ limit: largeBodies.maxBytes, verify }) : readBody;
  // Apollo's CSRF rule for GET: a header a browser form cannot send.
  const preflighted = (req: Request) =>
    Boolean(
      req.headers['apollo-require-preflight'] || req.headers['x-apollo-operation-name'] || /^application\/json\b/i.test(req.headers['content-type'] ?? ''),
    );
  return [
    (req, res, next) => {
      if (req.method === 'POST') return requireJson(req, res, next);
      if (req.method === 'GET') return next(typeof req.query.query === 'string' && preflighted(req) ? undefined : refusals.getWithoutQuery());
      next(refusals.methodNotAllowed());
    },
    (req, res, next) => (req.method === 'POST' ? (largeBodies?.mayBeLarge(req) ? readLarge : readBody)(req, res, next) : next()),
    (req, _res, next) => next(req.method !== 'POST' || isGraphqlBody(req.body) ? undefined : refusals.notGraphql()),
    (req, _res, next) =>
      next(req.method === 'POST' && (bytesRead.get(req) ?? 0) > limit && !largeBodies?.allowed(req.body) ? refusals.tooLarge(limit) : undefined),
  ];
}

/**
 * Installed last by every server: an unknown address and every failure answer as a coded JSON error
 * in the client's language, never Express's HTML page with its stack and file paths.
 */
export function serveJsonErrors(app: Express, log: Logger): void {
  app.use((_req, _res, next) => next(refusals.notFound()));
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    // The answer is already under way; Express can only cut the connection.
    if (res.headersSent) return next(error);
    const refusal = refusalOf(error);
    if (!refusal) log.error({ err: error, requestId: requestIdOf(res), method: req.method, path: req.path }, 'request failed');
    const { status, code, text, headers } = refusal ?? { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, text: INTERNAL_ERROR_MESSAGE, headers: {} };
    res.set(headers);
    sendError(req, res, status, code, text);
  });
}
