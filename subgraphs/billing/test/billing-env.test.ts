import { randomBytes } from 'node:crypto';
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

  // A live key is made per run: production refuses every key written in the repository.
  const production = (tossSecretKey: string) => ({
    NODE_ENV: 'production',
    PAYMENT_PROVIDER: 'toss',
    TOSS_SECRET_KEY: tossSecretKey,
    RECEIPT_SUPPLIER_NAME: '(주)전자계약',
    RECEIPT_SUPPLIER_BUSINESS_NUMBER: '2208162517',
    RECEIPT_SUPPLIER_ADDRESS: '서울특별시 중구 세종대로 110',
  });

  it('needs the secret key for Toss, and accepts a complete production configuration', () => {
    expect(() => loadBillingEnv({ PAYMENT_PROVIDER: 'toss' })).toThrow(/TOSS_SECRET_KEY/);
    const env = loadBillingEnv(production(`live_sk_${randomBytes(21).toString('base64url')}`));
    expect(env.PAYMENT_PROVIDER).toBe('toss');
  });

  it('refuses a published or test-mode Toss key in production, and allows test keys elsewhere', () => {
    expect(() => loadBillingEnv(production('test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R'))).toThrow(/TOSS_SECRET_KEY: is published in this repository/);
    expect(() => loadBillingEnv(production('replace-me-toss-live-secret-key'))).toThrow(/TOSS_SECRET_KEY: is published in this repository/);
    expect(() => loadBillingEnv(production(`test_sk_${randomBytes(21).toString('base64url')}`))).toThrow(/TOSS_SECRET_KEY: is a test-mode key/);
    expect(loadBillingEnv({ ...production(`test_sk_${randomBytes(21).toString('base64url')}`), NODE_ENV: 'development' }).PAYMENT_PROVIDER).toBe('toss');
  });
});
