import { z } from 'zod';
import { commonEnvSchema, ConfigError, parseEnv } from './env.ts';
import { createLogger, type Logger } from './logger.ts';

/** Runs a service as its own process: parse settings, start, stop cleanly on SIGINT/SIGTERM. */
export async function runService<T extends { stop(): Promise<void> }>(name: string, start: (log: Logger) => Promise<T>): Promise<void> {
  const log = createLogger(name, process.env.LOG_LEVEL);
  let running: T;
  try {
    running = await start(log);
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else log.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await running.stop().catch((error) => log.error({ err: error }, 'stop failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Demo accounts sign in with the password printed in the README. */
export const DEMO_DATA_IN_PRODUCTION = 'must not be true in production (demo accounts have a published password)';

/** Settings of a subgraph process: the common ones plus its port and whether to seed demo data. */
export const subgraphProcessEnvSchema = (defaultPort: number) =>
  commonEnvSchema
    .and(
      z.object({
        PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
        DATABASE_URL: z.url({ message: 'DATABASE_URL is required (pnpm dev sets it)' }),
        SEED_DEMO: z.stringbool().default(false),
      }),
    )
    .superRefine((env, ctx) => {
      if (env.NODE_ENV === 'production' && env.SEED_DEMO) ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: DEMO_DATA_IN_PRODUCTION });
    });

export const subgraphProcessEnv = (defaultPort: number, source: Record<string, string | undefined> = process.env) =>
  parseEnv(subgraphProcessEnvSchema(defaultPort), source);
