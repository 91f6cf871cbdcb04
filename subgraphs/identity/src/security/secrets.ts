import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: email links, refresh tokens, reset tokens. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Only this digest is stored; a database leak does not hand out usable tokens. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export const newSixDigitCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

export const sameDigest = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
