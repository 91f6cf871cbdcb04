import { describe, expect, it } from 'vitest';
import { ConfigError, loadCommonEnv } from '../src/env.ts';

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
