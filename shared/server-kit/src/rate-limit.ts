import type { EntityManager } from './database.ts';
import { AppError, ErrorCode, msg } from './errors.ts';

/** At most `limit` hits per `windowSeconds` for one key of one bucket (documented in the README's limits table). */
export interface RateLimit {
  /** Names the counter, e.g. `login:ip`. */
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/** A counted hit; `release` gives it back (e.g. a login that turned out not to be a failure). */
export interface RateLimitHit {
  limit: RateLimit;
  key: string;
  windowStart: string;
}

/** SQL for the counters; each subgraph creates the table in its own schema with a migration. */
export const rateLimitTableSql = (schema: string) => `create table "${schema}"."rate_limit_counter" (
  "bucket" text not null,
  "key" text not null,
  "window_start" timestamptz not null,
  "hits" integer not null,
  primary key ("bucket", "key", "window_start")
);
create index "rate_limit_counter_window_idx" on "${schema}"."rate_limit_counter" ("window_start");`;

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    ErrorCode.RATE_LIMITED,
    msg(`Too many requests. Try again in ${retryAfterSeconds} seconds.`, `요청이 너무 많습니다. ${retryAfterSeconds}초 후에 다시 시도해 주세요.`),
    { retryAfter: retryAfterSeconds },
  );

/** Keys are cut to this length: they come from client input. */
const MAX_KEY_LENGTH = 300;

/**
 * Fixed-window counters in PostgreSQL, so every replica of a service shares them. Each hit is one
 * atomic upsert: parallel hits on one key queue on its row and each sees its own count, so N
 * parallel calls never get more than `limit` through.
 */
export class RateLimiter {
  constructor(private readonly schema: string) {}

  /**
   * Counts a hit; throws RATE_LIMITED (with `retryAfter` seconds) beyond the limit. With `em` the
   * hit joins that transaction (a rolled-back action then counts nothing); without it, it commits at once.
   */
  async hit(em: EntityManager, limit: RateLimit, key: string, options: { transactional?: boolean } = {}): Promise<RateLimitHit> {
    const rows: Array<{ hits: number; window_start: string; retry_after: number }> = await em.getConnection().execute(
      `insert into "${this.schema}"."rate_limit_counter" as c ("bucket", "key", "window_start", "hits")
       values (?, ?, to_timestamp(floor(extract(epoch from clock_timestamp()) / ?) * ?), 1)
       on conflict ("bucket", "key", "window_start") do update set "hits" = c."hits" + 1
       returning "hits", "window_start"::text as "window_start",
         ceil(extract(epoch from ("window_start" + make_interval(secs => ?) - clock_timestamp())))::int as "retry_after"`,
      [limit.bucket, key.slice(0, MAX_KEY_LENGTH), limit.windowSeconds, limit.windowSeconds, limit.windowSeconds],
      'all',
      options.transactional ? em.getTransactionContext() : undefined,
    );
    const row = rows[0]!;
    if (row.hits > limit.limit) throw rateLimited(Math.max(1, row.retry_after));
    return { limit, key: key.slice(0, MAX_KEY_LENGTH), windowStart: row.window_start };
  }

  /** Counts hits on several limits; if one refuses, the ones already counted are given back. */
  async hitAll(em: EntityManager, hits: Array<[RateLimit, string]>): Promise<RateLimitHit[]> {
    const counted: RateLimitHit[] = [];
    try {
      for (const [limit, key] of hits) counted.push(await this.hit(em, limit, key));
      return counted;
    } catch (error) {
      await this.release(em, counted);
      throw error;
    }
  }

  /** Gives counted hits back (their window may have ended meanwhile; then nothing changes). */
  async release(em: EntityManager, hits: RateLimitHit[]): Promise<void> {
    for (const hit of hits) {
      await em
        .getConnection()
        .execute(
          `update "${this.schema}"."rate_limit_counter" set "hits" = "hits" - 1 where "bucket" = ? and "key" = ? and "window_start" = ?::timestamptz and "hits" > 0`,
          [hit.limit.bucket, hit.key, hit.windowStart],
          'run',
        );
    }
  }

  /** Forgets the counts of one limit for every key starting with `keyPrefix` (e.g. an operator lifted a lock). */
  async reset(em: EntityManager, limit: RateLimit, keyPrefix: string): Promise<void> {
    await em
      .getConnection()
      .execute(
        `delete from "${this.schema}"."rate_limit_counter" where "bucket" = ? and left("key", ?) = ?`,
        [limit.bucket, keyPrefix.length, keyPrefix],
        'run',
      );
  }

  /** Deletes counters whose window ended more than a day ago. */
  async sweep(em: EntityManager): Promise<number> {
    const result = await em
      .getConnection()
      .execute(`delete from "${this.schema}"."rate_limit_counter" where "window_start" < now() - interval '1 day'`, [], 'run');
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }
}
