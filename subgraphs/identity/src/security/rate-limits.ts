import { type EntityManager, type RateLimit, RateLimiter } from '@econtract/server-kit';
import type { IdentityContext } from '../context.ts';

/** Counters in `identity.rate_limit_counter`, shared by every replica (the README's limits table lists them). */
export const identityLimiter = new RateLimiter('identity');

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const IdentityRateLimits = {
  /** Every login attempt from one IP. */
  loginPerIp: { bucket: 'login:ip', limit: 30, windowSeconds: MINUTE },
  /** Failed password checks (wrong password or unknown login ID) from one IP, across all login IDs. */
  loginFailuresPerIp: { bucket: 'login-failure:ip', limit: 20, windowSeconds: HOUR },
  /** Failed password checks for one login ID from one IP. */
  loginFailuresPerLoginIdAndIp: { bucket: 'login-failure:login-id+ip', limit: 5, windowSeconds: 15 * MINUTE },
  signupPerIp: { bucket: 'signup:ip', limit: 10, windowSeconds: HOUR },
  /** Signups naming one email address: each mails it a verification link. */
  signupPerEmail: { bucket: 'signup:email', limit: 5, windowSeconds: 24 * HOUR },
  /** loginIdAvailable and businessNumberCheck together. */
  availabilityPerIp: { bucket: 'availability:ip', limit: 60, windowSeconds: MINUTE },
  verificationMailPerIp: { bucket: 'verification-mail:ip', limit: 10, windowSeconds: HOUR },
  passwordResetPerIp: { bucket: 'password-reset:ip', limit: 10, windowSeconds: HOUR },
  /** Counted whether or not the login ID exists, so the limit reveals nothing. */
  passwordResetPerLoginId: { bucket: 'password-reset:login-id', limit: 3, windowSeconds: HOUR },
  findLoginIdPerIp: { bucket: 'find-login-id:ip', limit: 10, windowSeconds: HOUR },
  /** Counted whether or not an account matches, so the limit reveals nothing. */
  findLoginIdPerEmail: { bucket: 'find-login-id:email', limit: 3, windowSeconds: HOUR },
  phoneCodePerIp: { bucket: 'phone-code:ip', limit: 20, windowSeconds: HOUR },
  /** Codes texted to one number, whichever accounts asked. */
  phoneCodePerNumber: { bucket: 'phone-code:number', limit: 5, windowSeconds: HOUR },
} as const satisfies Record<string, RateLimit>;

/**
 * Counts one hit for the client's IP. The gateway always forwards the IP; a call without one (a
 * sibling service, a test calling the subgraph directly) has no client to count.
 */
export async function limitClient(ctx: IdentityContext, limit: RateLimit, em: EntityManager = ctx.em): Promise<void> {
  if (ctx.client.ip) await identityLimiter.hit(em, limit, ctx.client.ip);
}

/** Makes simultaneous counted actions on one key take turns until the transaction ends. */
export async function lockForCounting(em: EntityManager, key: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}
