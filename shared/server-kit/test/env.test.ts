import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadCommonEnv } from '../src/env.ts';
import { generateInternalKeyEnv } from '../src/internal-keys.ts';
import { subgraphProcessEnv } from '../src/process.ts';
import { estimatedSecretBits, productionSecretProblem, PUBLISHED_SECRETS, secretWeakness } from '../src/secrets.ts';
import { startSubgraph } from '../src/subgraph.ts';

const randomSecret = () => randomBytes(32).toString('base64url');
/** A production configuration that passes, for tests that break one thing at a time. */
const production = (overrides: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  INTERNAL_TOKEN_SECRET: randomSecret(),
  ACCESS_TOKEN_SECRET: randomSecret(),
  OUTBOX_ENCRYPTION_KEY: randomSecret(),
  TOKEN_HASH_SECRET: randomSecret(),
  ...generateInternalKeyEnv(),
  DATABASE_URL: `postgres://econtract:${randomSecret()}@db.internal:5432/econtract`,
  ...overrides,
});

describe('settings', () => {
  it('has working defaults for development', () => {
    const env = loadCommonEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
  });

  it('refuses the development secrets and a missing database in production, listing every problem', () => {
    const attempt = () => loadCommonEnv({ NODE_ENV: 'production' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/INTERNAL_TOKEN_SECRET: must be set in production/);
    expect(attempt).toThrow(/ACCESS_TOKEN_SECRET: must be set in production/);
    expect(attempt).toThrow(/OUTBOX_ENCRYPTION_KEY: must be set in production/);
    expect(attempt).toThrow(/TOKEN_HASH_SECRET: must be set in production/);
    expect(attempt).toThrow(/INTERNAL_SIGNING_KEYS: must be set in production/);
    expect(attempt).toThrow(/INTERNAL_VERIFY_KEYS: must be set in production/);
    expect(attempt).toThrow(/DATABASE_URL: must be set in production/);
  });

  it('treats an empty variable as unset', () => {
    const env = loadCommonEnv({ DATABASE_URL: '', LOG_LEVEL: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('refuses malformed values', () => {
    expect(() => loadCommonEnv({ ACCESS_TOKEN_SECRET: 'short' })).toThrow(/ACCESS_TOKEN_SECRET: must be at least 32 characters/);
    expect(() => loadCommonEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadCommonEnv({ ACCESS_TOKEN_TTL_SECONDS: '5' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
  });
});

describe('secrets in production', () => {
  it('accepts strong random secrets (openssl rand -base64 32 / -hex 32)', () => {
    for (let i = 0; i < 20; i++) {
      expect(loadCommonEnv(production()).NODE_ENV).toBe('production');
      expect(
        loadCommonEnv(production({ INTERNAL_TOKEN_SECRET: randomBytes(32).toString('hex'), ACCESS_TOKEN_SECRET: randomBytes(32).toString('base64') })).NODE_ENV,
      ).toBe('production');
    }
  });

  it('refuses every secret published in the repository, the docker-compose ones included', () => {
    expect(PUBLISHED_SECRETS).toContain('compose-internal-token-secret-change-me-0123456789');
    for (const published of PUBLISHED_SECRETS) {
      expect(productionSecretProblem(published)).toMatch(/^(is published|must be set)/);
      const refusal = published.length >= 32 ? /ACCESS_TOKEN_SECRET: (is published|must be set)/ : /ACCESS_TOKEN_SECRET: must be at least 32 characters/;
      expect(() => loadCommonEnv(production({ ACCESS_TOKEN_SECRET: published }))).toThrow(refusal);
    }
    expect(() => loadCommonEnv(production({ INTERNAL_TOKEN_SECRET: 'compose-internal-token-secret-change-me-0123456789' }))).toThrow(
      /INTERNAL_TOKEN_SECRET: is published in this repository/,
    );
  });

  it('refuses low-entropy secrets, saying why', () => {
    const refusal = (secret: string) => () => loadCommonEnv(production({ INTERNAL_TOKEN_SECRET: secret }));
    expect(refusal('a'.repeat(32))).toThrow(/INTERNAL_TOKEN_SECRET: is too weak for production: it uses fewer than 10 distinct characters/);
    expect(refusal('83629174056281930472615938204716')).toThrow(/has about 106 bits of entropy, fewer than 128/);
    expect(refusal(`${randomSecret().slice(0, 30)}zzzzzz`)).toThrow(/run of more than 5 repeated or consecutive characters/);
    expect(refusal(`Qx7mWp2vKd${'abcdefgh'}`.padEnd(32, 'R9'))).toThrow(/run of more than 5/);
    expect(refusal('Tr0ub4dor&3-Tr0ub4dor&3-Tr0ub4dor&3')).toThrow(/repeats a 6-character piece/);
    expect(refusal('dev-only-internal-token-secret-change-me-0123456789')).toThrow(/must be set in production/);
  });

  it('estimates entropy from length and character classes', () => {
    expect(estimatedSecretBits('a'.repeat(32))).toBe(150);
    expect(estimatedSecretBits('0'.repeat(39))).toBe(129);
    expect(secretWeakness(randomSecret())).toBeUndefined();
    expect(secretWeakness('short')).toBe('is shorter than 32 characters');
  });

  it('refuses published key settings (the .env.example placeholders)', () => {
    expect(() =>
      loadCommonEnv(production({ INTERNAL_VERIFY_KEYS: 'replace-me-internal-verify-keys', INTERNAL_SIGNING_KEYS: 'replace-me-billing-internal-signing-keys' })),
    ).toThrow(/INTERNAL_SIGNING_KEYS: is published[\s\S]*INTERNAL_VERIFY_KEYS: is published/);
  });

  it('refuses one secret for both purposes, and a published database password', () => {
    const shared = randomSecret();
    expect(() => loadCommonEnv(production({ INTERNAL_TOKEN_SECRET: shared, ACCESS_TOKEN_SECRET: shared }))).toThrow(
      /ACCESS_TOKEN_SECRET: must differ from INTERNAL_TOKEN_SECRET/,
    );
    expect(() => loadCommonEnv(production({ DATABASE_URL: 'postgres://econtract:econtract@postgres:5432/econtract' }))).toThrow(
      /DATABASE_URL: has a password published/,
    );
    expect(() => loadCommonEnv(production({ SMTP_URL: 'smtp://mailer:replace-me-database-password@mail.internal:587' }))).toThrow(
      /SMTP_URL: has a password published/,
    );
    expect(loadCommonEnv(production({ SMTP_URL: 'smtp://mail.internal:25' })).SMTP_URL).toBe('smtp://mail.internal:25');
  });

  it('keeps weak secrets working outside production (pnpm dev, tests)', () => {
    expect(loadCommonEnv({ NODE_ENV: 'development', ACCESS_TOKEN_SECRET: 'a'.repeat(32) }).ACCESS_TOKEN_SECRET).toBe('a'.repeat(32));
    expect(loadCommonEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgres://econtract:econtract@127.0.0.1:5432/econtract' }).NODE_ENV).toBe('test');
  });
});

describe('demo data in production', () => {
  it('refuses SEED_DEMO=true in production and allows it elsewhere', () => {
    expect(() => subgraphProcessEnv(4001, production({ SEED_DEMO: 'true' }))).toThrow(/SEED_DEMO: must not be true in production/);
    expect(subgraphProcessEnv(4001, production({ SEED_DEMO: 'false' })).SEED_DEMO).toBe(false);
    expect(subgraphProcessEnv(4001, { NODE_ENV: 'development', DATABASE_URL: 'postgres://127.0.0.1/econtract', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it('will not start a subgraph that seeds demo data in production, before touching any database', async () => {
    const env = loadCommonEnv(production());
    await expect(startSubgraph({ name: 'identity' } as never, { env, databaseUrl: env.DATABASE_URL!, port: 0, seedDemo: true })).rejects.toThrow(
      /SEED_DEMO: must not be true in production/,
    );
  });
});
