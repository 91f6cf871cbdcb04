import type { IdentityRoutes } from '@econtract/identity/routes';
import type { OrganizationRoutes } from '@econtract/organization/routes';
import { AppError, ErrorCode, msg, type Message, type ServiceClient, verifyAccessToken, type Viewer } from '@econtract/server-kit';
import type { GatewayEnv } from './env.ts';

const refused = (message: Message) => new AppError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });

/**
 * Verifies the access token once and asks identity and organization for the viewer's standing now,
 * so a suspension or a permission change applies from the very next request.
 */
export async function resolveViewer(token: string | undefined, env: GatewayEnv, services: ServiceClient): Promise<Viewer | null> {
  if (!token) return null;
  const claims = await verifyAccessToken(env.ACCESS_TOKEN_SECRET, token);
  if (!claims) throw refused(msg('Your sign-in has expired or is not valid. Sign in again.', '로그인이 만료되었거나 올바르지 않습니다. 다시 로그인해 주세요.'));
  // Both answers are checked against their schemas by the receivers (`.output`), before they are sent.
  const [standing, membership] = await Promise.all([
    services.to<IdentityRoutes>('identity').standing.account.query({ userId: claims.userId, sessionId: claims.sessionId }),
    services.to<OrganizationRoutes>('organization').standing.member.query({ userId: claims.userId }),
  ]);
  if (!standing?.active)
    throw refused(msg('This account can no longer be used. Sign in again.', '이 계정은 더 이상 사용할 수 없습니다. 다시 로그인해 주세요.'));
  if (membership && !membership.active)
    throw refused(msg('This account is suspended. Ask your total admin to reactivate it.', '사용이 중지된 계정입니다. 총괄관리자에게 문의해 주세요.'));
  return { userId: standing.userId, loginId: standing.loginId, role: standing.role, sessionId: claims.sessionId, member: membership };
}
