import { msg } from './errors.ts';
import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';
import { requestIdOf } from './http.ts';
import { viewerSchema, type Viewer } from './viewer.ts';

/** Header on every gateway→subgraph and service→service call. */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';
const AUDIENCE = 'econtract-internal';
const ALGORITHM = 'HS256';
/** Long enough for one request's fan-out, short enough that a leaked token is soon useless. */
const TTL_SECONDS = 60;

/** The end user's connection, as the gateway saw it (recorded with login attempts). */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface InternalClaims {
  /** The calling service: `gateway` or a subgraph's name. */
  caller: string;
  viewer: Viewer | null;
  requestId: string | undefined;
  client?: ClientInfo;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signInternalToken(secret: string, claims: InternalClaims): Promise<string> {
  return new SignJWT({ viewer: claims.viewer, rid: claims.requestId, cli: claims.client ?? null })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(claims.caller)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(key(secret));
}

/** Returns the claims, or null for a missing, expired, forged or malformed token. */
export async function verifyInternalToken(secret: string, token: string | undefined): Promise<InternalClaims | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { audience: AUDIENCE, algorithms: [ALGORITHM] });
    const viewer = payload.viewer == null ? null : viewerSchema.parse(payload.viewer);
    return {
      caller: String(payload.iss),
      viewer,
      requestId: typeof payload.rid === 'string' ? payload.rid : undefined,
      client: clientInfoOf(payload.cli),
    };
  } catch {
    return null;
  }
}

/** What a caller without a valid internal token is told, whichever endpoint it tried. */
export const GATEWAY_ONLY_MESSAGE = msg(
  'This service answers only the e-contract gateway. Send requests to the gateway.',
  '이 서비스는 전자계약 게이트웨이의 요청에만 응답합니다. 게이트웨이로 요청해 주세요.',
);

/**
 * The verified claims of one HTTP request to a subgraph, or null: the check both its GraphQL endpoint
 * and its internal routes go through. Verified once per request; the request id is the one the HTTP
 * layer assigned (the caller's `x-request-id` when it sent a sane one).
 */
export async function internalClaimsOf(secret: string, req: { headers: IncomingHttpHeaders }, res: { locals: Record<string, unknown> }): Promise<InternalClaims | null> {
  if (res.locals.internalClaims !== undefined) return res.locals.internalClaims as InternalClaims | null;
  const header = req.headers[INTERNAL_TOKEN_HEADER];
  const claims = await verifyInternalToken(secret, typeof header === 'string' ? header : undefined);
  const verified = claims && { ...claims, requestId: requestIdOf(res) };
  res.locals.internalClaims = verified;
  return verified;
}

const clientInfoOf = (value: unknown): ClientInfo => {
  const record = (value ?? {}) as Record<string, unknown>;
  const text = (field: unknown, max: number) => (typeof field === 'string' ? field.slice(0, max) : null);
  return { ip: text(record.ip, 64), userAgent: text(record.userAgent, 512) };
};
