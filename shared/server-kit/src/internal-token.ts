import type { IncomingHttpHeaders } from 'node:http';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { msg } from './errors.ts';
import { requestIdOf } from './http.ts';
import type { InternalKeys } from './internal-keys.ts';
import { viewerSchema, type Viewer } from './viewer.ts';

/** Header on every gateway→subgraph and service→service call. */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';
const AUDIENCE = 'econtract-internal';
const ALGORITHM = 'EdDSA';
/** Long enough for one request's fan-out, short enough that a leaked token is soon useless. */
const TTL_SECONDS = 60;
/** The one caller whose tokens may name a viewer: it verified the access token and asked for the standing. */
export const VIEWER_ISSUER = 'gateway';

/** The end user's connection, as the gateway saw it (recorded with login attempts). */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface InternalClaims {
  /** The calling service: `gateway` or a subgraph's name, proven by the key that signed the token. */
  caller: string;
  viewer: Viewer | null;
  requestId: string | undefined;
  client?: ClientInfo;
}

/**
 * A token signed with the caller's own Ed25519 key. Only the gateway's tokens carry a viewer and the
 * client's connection; a subgraph calling a sibling speaks for itself, never for a person.
 */
export async function signInternalToken(keys: InternalKeys, claims: Omit<InternalClaims, 'caller'>): Promise<string> {
  const speaksForViewer = claims.viewer != null || claims.client != null;
  if (speaksForViewer && keys.caller !== VIEWER_ISSUER) throw new Error(`${keys.caller} may not sign a token for a viewer; only the gateway does`);
  return new SignJWT({ rid: claims.requestId, ...(keys.caller === VIEWER_ISSUER ? { viewer: claims.viewer, cli: claims.client ?? null } : {}) })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(keys.caller)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(keys.signingKey);
}

/**
 * The one check of an internal token, for GraphQL and internal routes alike: signed by the public key
 * of the caller it names, for this audience, unexpired; a viewer only from the gateway. Returns the
 * claims, or null for a missing, expired, forged or malformed token.
 */
export async function verifyInternalToken(keys: Pick<InternalKeys, 'verifyKeys'>, token: string | undefined): Promise<InternalClaims | null> {
  if (!token) return null;
  try {
    const issuer = decodeJwt(token).iss;
    const key = typeof issuer === 'string' ? keys.verifyKeys.get(issuer) : undefined;
    if (!issuer || !key) return null;
    const { payload } = await jwtVerify(token, key, { audience: AUDIENCE, issuer, algorithms: [ALGORITHM] });
    if (issuer !== VIEWER_ISSUER && (payload.viewer != null || payload.cli != null)) return null;
    const viewer = payload.viewer == null ? null : viewerSchema.parse(payload.viewer);
    return {
      caller: issuer,
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
export async function internalClaimsOf(
  keys: Pick<InternalKeys, 'verifyKeys'>,
  req: { headers: IncomingHttpHeaders },
  res: { locals: Record<string, unknown> },
): Promise<InternalClaims | null> {
  if (res.locals.internalClaims !== undefined) return res.locals.internalClaims as InternalClaims | null;
  const header = req.headers[INTERNAL_TOKEN_HEADER];
  const claims = await verifyInternalToken(keys, typeof header === 'string' ? header : undefined);
  const verified = claims && { ...claims, requestId: requestIdOf(res) };
  res.locals.internalClaims = verified;
  return verified;
}

const clientInfoOf = (value: unknown): ClientInfo => {
  const record = (value ?? {}) as Record<string, unknown>;
  const text = (field: unknown, max: number) => (typeof field === 'string' ? field.slice(0, max) : null);
  return { ip: text(record.ip, 64), userAgent: text(record.userAgent, 512) };
};
