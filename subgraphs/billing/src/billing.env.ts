import { parseEnv, PUBLISHED_SECRETS } from '@econtract/server-kit';
import { z } from 'zod';
import { LocalTestPaymentProvider, type PaymentProvider } from './payment/payment.provider.ts';
import { TossPaymentsProvider } from './payment/toss-payments.provider.ts';

const RECEIPT_PLACEHOLDERS = {
  RECEIPT_SUPPLIER_NAME: '(주)이컨트랙트',
  RECEIPT_SUPPLIER_BUSINESS_NUMBER: '1234567890',
  RECEIPT_SUPPLIER_ADDRESS: '서울특별시 (RECEIPT_SUPPLIER_ADDRESS로 설정)',
} as const;

/** Billing's own settings, parsed with zod like the common ones (see README). */
export const billingEnvSchema = z
  .object({
    /** `local` (default): test payment keys, no money moves. `toss`: Toss Payments' confirm API. */
    PAYMENT_PROVIDER: z.enum(['local', 'toss']).default('local'),
    TOSS_BASE_URL: z.url().default('https://api.tosspayments.com'),
    TOSS_SECRET_KEY: z.string().min(1).optional(),
    TOSS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
    NODE_ENV: z.string().optional(),
    /** The seller printed on receipts (R-BILL-6); the defaults are placeholders, set them in production. */
    RECEIPT_SUPPLIER_NAME: z.string().min(1).default(RECEIPT_PLACEHOLDERS.RECEIPT_SUPPLIER_NAME),
    RECEIPT_SUPPLIER_BUSINESS_NUMBER: z
      .string()
      .regex(/^\d{10}$/)
      .default(RECEIPT_PLACEHOLDERS.RECEIPT_SUPPLIER_BUSINESS_NUMBER),
    RECEIPT_SUPPLIER_ADDRESS: z.string().min(1).default(RECEIPT_PLACEHOLDERS.RECEIPT_SUPPLIER_ADDRESS),
  })
  .superRefine((env, ctx) => {
    if (env.PAYMENT_PROVIDER === 'toss' && !env.TOSS_SECRET_KEY)
      ctx.addIssue({ code: 'custom', path: ['TOSS_SECRET_KEY'], message: 'must be set when PAYMENT_PROVIDER=toss' });
    // The local provider approves test keys for free: never in production.
    if (env.NODE_ENV === 'production' && env.PAYMENT_PROVIDER === 'local')
      ctx.addIssue({ code: 'custom', path: ['PAYMENT_PROVIDER'], message: 'must be toss in production' });
    // Toss issues the key, so its format is Toss's; production refuses only published and test-mode keys.
    if (env.NODE_ENV === 'production' && env.TOSS_SECRET_KEY) {
      if (PUBLISHED_SECRETS.has(env.TOSS_SECRET_KEY))
        ctx.addIssue({ code: 'custom', path: ['TOSS_SECRET_KEY'], message: 'is published in this repository; use your live key' });
      else if (env.TOSS_SECRET_KEY.startsWith('test_'))
        ctx.addIssue({ code: 'custom', path: ['TOSS_SECRET_KEY'], message: 'is a test-mode key; production needs a live_ key' });
    }
    // A receipt is a tax document: a placeholder seller must never reach a customer.
    if (env.NODE_ENV === 'production') {
      for (const key of ['RECEIPT_SUPPLIER_NAME', 'RECEIPT_SUPPLIER_BUSINESS_NUMBER', 'RECEIPT_SUPPLIER_ADDRESS'] as const) {
        if (env[key] === RECEIPT_PLACEHOLDERS[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'must be set in production' });
      }
    }
  });
export type BillingEnv = z.infer<typeof billingEnvSchema>;

export const loadBillingEnv = (source: Record<string, string | undefined> = process.env): BillingEnv => parseEnv(billingEnvSchema, source);

export function paymentProviderFrom(env: BillingEnv): PaymentProvider {
  if (env.PAYMENT_PROVIDER === 'toss')
    return new TossPaymentsProvider({ baseUrl: env.TOSS_BASE_URL, secretKey: env.TOSS_SECRET_KEY!, timeoutMs: env.TOSS_TIMEOUT_MS });
  return new LocalTestPaymentProvider();
}

let settings: BillingEnv | undefined;
/** Billing's settings, parsed once per process (main.ts parses them at start-up, so bad ones stop it). */
export const billingSettings = (): BillingEnv => (settings ??= loadBillingEnv());

let configured: PaymentProvider | undefined;
/** The provider the settings name, made once per process. */
export const paymentProvider = (): PaymentProvider => (configured ??= paymentProviderFrom(billingSettings()));

/** The seller printed on receipts, from the settings. */
export const receiptSupplier = (env: BillingEnv = billingSettings()) => ({
  name: env.RECEIPT_SUPPLIER_NAME,
  businessNumber: env.RECEIPT_SUPPLIER_BUSINESS_NUMBER,
  address: env.RECEIPT_SUPPLIER_ADDRESS,
});
