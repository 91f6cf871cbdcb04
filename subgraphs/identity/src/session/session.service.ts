import { randomUUID } from 'node:crypto';
import { type EntityManager, msg, signAccessToken, unauthenticated } from '@econtract/server-kit';
import type { Account } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { IdentitySettings } from '../identity.settings.ts';
import { newSecret, sameDigest, tokenDigest } from '../security/secrets.ts';
import { RefreshToken, Session } from './session.entity.ts';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

const SIGNED_OUT = msg('Your sign-in has ended. Sign in again.', '로그인이 종료되었습니다. 다시 로그인해 주세요.');

async function issueTokens(em: EntityManager, session: Session, ctx: IdentityContext): Promise<SessionTokens> {
  const refreshToken = newSecret();
  em.create(RefreshToken, { id: randomUUID(), session, tokenHash: tokenDigest(ctx.env, refreshToken) } as RefreshToken);
  await em.flush();
  const { token, expiresAt } = await signAccessToken(
    ctx.env.ACCESS_TOKEN_SECRET,
    { userId: session.account.id, sessionId: session.id },
    ctx.env.ACCESS_TOKEN_TTL_SECONDS,
  );
  return { accessToken: token, refreshToken, expiresAt };
}

export async function openSession(em: EntityManager, account: Account, ctx: IdentityContext): Promise<SessionTokens> {
  const session = em.create(Session, {
    id: randomUUID(),
    account,
    expiresAt: new Date(Date.now() + IdentitySettings.sessionLifetimeMs),
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
  } as Session);
  return issueTokens(em, session, ctx);
}

/**
 * Trades a refresh token for new tokens. Each is good once: a second use (a stolen copy, or a
 * replay) revokes the whole session, so both holders must sign in again.
 */
export async function rotateRefreshToken(refreshToken: string, ctx: IdentityContext): Promise<SessionTokens> {
  const em = ctx.em;
  const digest = tokenDigest(ctx.env, refreshToken);
  const row = await em.findOne(RefreshToken, { tokenHash: digest }, { populate: ['session', 'session.account'] });
  if (!row || !sameDigest(row.tokenHash, digest)) throw unauthenticated(SIGNED_OUT);
  const session = row.session;
  const claimed = await em.nativeUpdate(RefreshToken, { id: row.id, usedAt: null }, { usedAt: new Date() });
  if (claimed === 0) {
    await revokeSessions(em, { sessionId: session.id }, 'REFRESH_TOKEN_REUSED');
    ctx.log.warn({ sessionId: session.id, accountId: session.account.id }, 'refresh token reused: session revoked');
    throw unauthenticated(
      msg(
        'This sign-in was ended for your safety because an old refresh token was used again. Sign in again.',
        '이전 로그인 토큰이 다시 사용되어 안전을 위해 로그인을 종료했습니다. 다시 로그인해 주세요.',
      ),
    );
  }
  if (session.revokedAt || session.expiresAt <= new Date()) throw unauthenticated(SIGNED_OUT);
  const account = session.account;
  if (!account.emailVerifiedAt || account.lockedAt) throw unauthenticated(SIGNED_OUT);
  return issueTokens(em, session, ctx);
}

/** Revokes one session, or every open session of an account except `keep` (password change, suspension). */
export async function revokeSessions(
  em: EntityManager,
  target: { sessionId: string } | { accountId: string; keep?: string | null },
  reason: string,
): Promise<number> {
  const where =
    'sessionId' in target
      ? { id: target.sessionId, revokedAt: null }
      : { account: target.accountId, revokedAt: null, ...(target.keep ? { id: { $ne: target.keep } } : {}) };
  return em.nativeUpdate(Session, where, { revokedAt: new Date(), revokedReason: reason });
}

/** Whether an access token's session may still act (checked by the gateway on every request). */
export async function sessionIsOpen(em: EntityManager, accountId: string, sessionId: string): Promise<boolean> {
  const session = await em.findOne(Session, { id: sessionId, account: accountId }, { fields: ['revokedAt', 'expiresAt'] });
  return !!session && !session.revokedAt && session.expiresAt > new Date();
}
