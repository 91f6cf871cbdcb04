import { describe, expect, it } from 'vitest';
import { ConfigError } from '@econtract/server-kit';
import { loadBillingEnv } from '../src/billing.env.ts';

describe('billing settings', () => {
  it('uses the local test provider and placeholder supplier outside production', () => {
    expect(loadBillingEnv({})).toMatchObject({ PAYMENT_PROVIDER: 'local', TOSS_BASE_URL: 'https://api.tosspayments.com' });
  });

  it('refuses the local provider and placeholder receipt supplier in production, listing each', () => {
    const attempt = () => loadBillingEnv({ NODE_ENV: 'production' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PAYMENT_PROVIDER: must be toss in production/);
    expect(attempt).toThrow(/RECEIPT_SUPPLIER_NAME: must be set in production/);
    expect(attempt).toThrow(/RECEIPT_SUPPLIER_BUSINESS_NUMBER: must be set in production/);
  });

  it('needs the secret key for Toss, and accepts a complete production configuration', () => {
    expect(() => loadBillingEnv({ PAYMENT_PROVIDER: 'toss' })).toThrow(/TOSS_SECRET_KEY/);
    const env = loadBillingEnv({
      NODE_ENV: 'production',
      PAYMENT_PROVIDER: 'toss',
      TOSS_SECRET_KEY: 'live_sk_example',
      RECEIPT_SUPPLIER_NAME: '(주)전자계약',
      RECEIPT_SUPPLIER_BUSINESS_NUMBER: '2208162517',
      RECEIPT_SUPPLIER_ADDRESS: '서울특별시 중구 세종대로 110',
    });
    expect(env.PAYMENT_PROVIDER).toBe('toss');
  });
});
