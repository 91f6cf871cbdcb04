import { z } from 'zod';
import { commonEnvSchema, ConfigError, parseEnv } from './env.ts';
import { createLogger, type Logger } from './logger.ts';

/** Runs a service as its own process: parse settings, start, stop cleanly on SIGINT/SIGTERM. */
export async function runService<T extends { stop(): Promise<void> }>(
  name: string,
  start: (log: Logger) => Promise<T>,
): Promise<void> {
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

/** Settings of a subgraph process: the common ones plus its port and whether to seed demo data. */
export const subgraphProcessEnv = (defaultPort: number) =>
  parseEnv(
    commonEnvSchema.and(
      z.object({
        PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
        DATABASE_URL: z.url({ message: 'DATABASE_URL is required (pnpm dev sets it)' }),
        SEED_DEMO: z.stringbool().default(false),
      }),
    ),
  );
