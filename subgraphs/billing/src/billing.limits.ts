import { type RateLimit, RateLimiter } from '@econtract/server-kit';

/** Counters in `billing.rate_limit_counter`, shared by every replica (the README's limits table lists them). */
export const billingLimiter = new RateLimiter('billing');

export const BillingRateLimits = {
  /** confirmPayment calls from one IP: stolen-card testing goes through here. */
  paymentConfirmPerIp: { bucket: 'payment-confirm:ip', limit: 30, windowSeconds: 3600 },
  /** confirmPayment calls for one company, whoever sends them. */
  paymentConfirmPerCompany: { bucket: 'payment-confirm:company', limit: 30, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimit>;
