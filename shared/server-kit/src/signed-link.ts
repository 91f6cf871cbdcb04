import { jwtVerify, SignJWT } from 'jose';

/**
 * A link that works without a sign-in header (a browser opening a PDF) yet cannot be guessed or
 * altered: the path's subject and claims are signed, for one purpose, for a short time.
 */
const key = (secret: string) => new TextEncoder().encode(secret);
const audience = (purpose: string) => `econtract-link:${purpose}`;

export async function signLinkToken(secret: string, purpose: string, subject: string, claims: Record<string, string>, ttlSeconds: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience(purpose))
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** The claims, or null for a forged, expired, other-purpose or other-subject token. */
export async function verifyLinkToken(secret: string, purpose: string, subject: string, token: string | undefined): Promise<Record<string, unknown> | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { audience: audience(purpose), subject, algorithms: ['HS256'] });
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Purpose of the signed link behind `Payment.receiptUrl` (billing signs it, the gateway verifies it). */
export const RECEIPT_LINK_PURPOSE = 'receipt';
export const RECEIPT_LINK_TTL_SECONDS = 15 * 60;
