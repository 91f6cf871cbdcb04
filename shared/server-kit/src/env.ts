import { z } from 'zod';
import { internalKeyProblems } from './internal-keys.ts';

/** Dev-only secrets: fine on a laptop, refused when NODE_ENV=production. */
const DEV_INTERNAL_SECRET = 'dev-only-internal-token-secret-change-me-0123456789';
const DEV_ACCESS_SECRET = 'dev-only-access-token-secret-change-me-0123456789';

const secret = (devDefault: string) => z.string().min(32, 'must be at least 32 characters').default(devDefault);

export const commonEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Interface to listen on: loopback by default; 0.0.0.0 inside containers. */
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.url().optional(),
    /** Signs links the API hands out (receipt PDFs); internal calls use the Ed25519 keys below. */
    INTERNAL_TOKEN_SECRET: secret(DEV_INTERNAL_SECRET),
    /** JSON: service name → Ed25519 private key (PEM or JWK); each process needs only its own entry. */
    INTERNAL_SIGNING_KEYS: z.string().optional(),
    /** JSON: service name → Ed25519 public key (PEM or JWK) of every caller (gateway and subgraphs). */
    INTERNAL_VERIFY_KEYS: z.string().optional(),
    /** Signs the access tokens identity issues and the gateway verifies. */
    ACCESS_TOKEN_SECRET: secret(DEV_ACCESS_SECRET),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    SMTP_URL: z.url().optional(),
    /** The gateway's public address, for links the API hands out (e.g. receipt PDFs). */
    PUBLIC_API_URL: z.url().default('http://localhost:4000'),
    /** The web app's address, for links in emails (verification, password reset). */
    PUBLIC_APP_URL: z.url().default('http://localhost:3000'),
    /** Where each service listens; the gateway routes to them and they call each other. */
    IDENTITY_URL: z.url().default('http://127.0.0.1:4001'),
    ORGANIZATION_URL: z.url().default('http://127.0.0.1:4002'),
    DOCUMENTS_URL: z.url().default('http://127.0.0.1:4003'),
    BILLING_URL: z.url().default('http://127.0.0.1:4004'),
    MAIL_FROM: z.string().default('E-Contract <no-reply@econtract.local>'),
  })
  .superRefine((env, ctx) => {
    for (const problem of internalKeyProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
    if (env.NODE_ENV !== 'production') return;
    for (const [key, dev] of [
      ['INTERNAL_TOKEN_SECRET', DEV_INTERNAL_SECRET],
      ['ACCESS_TOKEN_SECRET', DEV_ACCESS_SECRET],
    ] as const) {
      if (env[key] === dev) ctx.addIssue({ code: 'custom', path: [key], message: 'must be set in production' });
    }
    if (!env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must be set in production' });
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
