import {
  accountStandingSchema,
  AppError,
  callInternal,
  ErrorCode,
  memberStandingSchema,
  verifyAccessToken,
  type Viewer,
} from '@econtract/server-kit';
import type { GatewayEnv } from './env.ts';
import type { SubgraphUrls } from './subgraphs.ts';

const refused = (message: string) => new AppError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });

/**
 * Verifies the access token once and asks identity and organization for the viewer's standing now,
 * so a suspension or a permission change applies from the very next request.
 */
export async function resolveViewer(token: string | undefined, env: GatewayEnv, urls: SubgraphUrls, requestId: string): Promise<Viewer | null> {
  if (!token) return null;
  const claims = await verifyAccessToken(env.ACCESS_TOKEN_SECRET, token);
  if (!claims) throw refused('Your sign-in has expired or is not valid. Sign in again.');
  const call = { secret: env.INTERNAL_TOKEN_SECRET, caller: 'gateway', requestId };
  const [account, member] = await Promise.all([
    callInternal<unknown>(urls.identity, 'standing', { userId: claims.userId, sessionId: claims.sessionId }, call),
    callInternal<unknown>(urls.organization, 'standing', { userId: claims.userId }, call),
  ]);
  const standing = account == null ? null : accountStandingSchema.parse(account);
  if (!standing?.active) throw refused('This account can no longer be used. Sign in again.');
  const membership = member == null ? null : memberStandingSchema.parse(member);
  if (membership && !membership.active) throw refused('This account is suspended. Ask your total admin to reactivate it.');
  return { userId: standing.userId, loginId: standing.loginId, role: standing.role, sessionId: claims.sessionId, member: membership };
}
