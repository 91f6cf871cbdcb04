import { z } from 'zod';
import { internalKeyProblems } from './internal-keys.ts';
import {
  DEV_ACCESS_TOKEN_SECRET,
  DEV_INTERNAL_TOKEN_SECRET,
  DEV_OUTBOX_ENCRYPTION_KEY,
  DEV_TOKEN_HASH_SECRET,
  productionSecretProblem,
  productionUrlPasswordProblem,
} from './secrets.ts';
import { serviceUrlSettingsSchema } from './services.ts';

const secret = (devDefault: string) => z.string().min(32, 'must be at least 32 characters').default(devDefault);

export const commonEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Interface to listen on: loopback by default; 0.0.0.0 inside containers. */
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.url().optional(),
    /** Signs links the API hands out (receipt PDFs); internal calls use the Ed25519 keys below. */
    INTERNAL_TOKEN_SECRET: secret(DEV_INTERNAL_TOKEN_SECRET),
    /** JSON: service name → Ed25519 private key (PEM or JWK); each process needs only its own entry. */
    INTERNAL_SIGNING_KEYS: z.string().optional(),
    /** JSON: service name → Ed25519 public key (PEM or JWK) of every caller (gateway and subgraphs). */
    INTERNAL_VERIFY_KEYS: z.string().optional(),
    /** Signs the access tokens identity issues and the gateway verifies. */
    ACCESS_TOKEN_SECRET: secret(DEV_ACCESS_TOKEN_SECRET),
    /** Encrypts message bodies in the outbox (AES-256-GCM), so links and codes are never stored in clear. */
    OUTBOX_ENCRYPTION_KEY: secret(DEV_OUTBOX_ENCRYPTION_KEY),
    /** Keys the HMAC-SHA256 under which links, refresh tokens and phone codes are stored (identity). */
    TOKEN_HASH_SECRET: secret(DEV_TOKEN_HASH_SECRET),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    SMTP_URL: z.url().optional(),
    /** The gateway's public address, for links the API hands out (e.g. receipt PDFs). */
    PUBLIC_API_URL: z.url().default('http://localhost:4000'),
    /** The web app's address, for links in emails (verification, password reset). */
    PUBLIC_APP_URL: z.url().default('http://localhost:3000'),
    /** Where each service listens (`IDENTITY_URL`, …); the gateway routes to them and they call each other. */
    ...serviceUrlSettingsSchema,
    MAIL_FROM: z.string().default('E-Contract <no-reply@econtract.local>'),
  })
  .superRefine((env, ctx) => {
    for (const problem of internalKeyProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['INTERNAL_TOKEN_SECRET', 'ACCESS_TOKEN_SECRET', 'OUTBOX_ENCRYPTION_KEY', 'TOKEN_HASH_SECRET'] as const) {
      const problem = productionSecretProblem(env[key]);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
    // One leaked secret must not open both doors.
    if (env.INTERNAL_TOKEN_SECRET === env.ACCESS_TOKEN_SECRET)
      ctx.addIssue({ code: 'custom', path: ['ACCESS_TOKEN_SECRET'], message: 'must differ from INTERNAL_TOKEN_SECRET' });
    if (!env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must be set in production' });
    for (const key of ['DATABASE_URL', 'SMTP_URL'] as const) {
      const problem = productionUrlPasswordProblem(env[key]);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  });

export type CommonEnv = z.infer<typeof commonEnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses settings once, at start-up; a bad value stops the service with every problem listed. */
export function parseEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined> = process.env): z.infer<S> {
  // `VAR=` in a shell or .env file means unset, not an empty value.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const loadCommonEnv = (source?: Record<string, string | undefined>): CommonEnv => parseEnv(commonEnvSchema, source);
