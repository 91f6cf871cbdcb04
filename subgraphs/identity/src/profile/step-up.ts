import { jwtVerify, SignJWT } from 'jose';
import { AppError, ErrorCode, msg, type Viewer } from '@econtract/server-kit';
import type { CommonEnv } from '@econtract/server-kit';
import { IdentitySettings } from '../identity.settings.ts';

/** R-PROFILE-1: proof the person re-entered the password a moment ago, bound to this sign-in. */
const AUDIENCE = 'econtract-step-up';
const key = (env: CommonEnv) => new TextEncoder().encode(env.ACCESS_TOKEN_SECRET);

export async function issueStepUpToken(env: CommonEnv, viewer: Viewer): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + IdentitySettings.stepUpLifetimeSeconds * 1000);
  const token = await new SignJWT({ sid: viewer.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(viewer.userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(env));
  return { token, expiresAt };
}

export async function requireStepUp(env: CommonEnv, viewer: Viewer, token: string): Promise<void> {
  const refused = new AppError(
    ErrorCode.FORBIDDEN,
    msg(
      'Enter your password again to edit your personal information (the confirmation lasts 10 minutes).',
      '개인정보를 수정하려면 비밀번호를 다시 입력해 주세요. (확인은 10분 동안 유효합니다)',
    ),
    { reason: 'STEP_UP_REQUIRED' },
  );
  try {
    const { payload } = await jwtVerify(token, key(env), { audience: AUDIENCE, algorithms: ['HS256'], subject: viewer.userId });
    if ((payload.sid ?? null) !== viewer.sessionId) throw refused;
  } catch {
    throw refused;
  }
}
