import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { CommonEnv } from '@econtract/server-kit';

/** 256 random bits, URL-safe: email links, refresh tokens, reset tokens. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * Only this keyed digest (HMAC-SHA256 under TOKEN_HASH_SECRET) is stored: a database leak hands out
 * no usable token, and without the key not even a guess can be checked against it.
 */
export const tokenDigest = (env: Pick<CommonEnv, 'TOKEN_HASH_SECRET'>, token: string): string =>
  createHmac('sha256', env.TOKEN_HASH_SECRET).update(`token:${token}`, 'utf8').digest('hex');

/** A phone code's digest, salted with its verification id: six digits cannot be looked up in a table. */
export const phoneCodeDigest = (env: Pick<CommonEnv, 'TOKEN_HASH_SECRET'>, verificationId: string, code: string): string =>
  createHmac('sha256', env.TOKEN_HASH_SECRET).update(`phone-code:${verificationId}:${code}`, 'utf8').digest('hex');

export const newSixDigitCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

/** Constant-time comparison of two hex digests. */
export const sameDigest = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
