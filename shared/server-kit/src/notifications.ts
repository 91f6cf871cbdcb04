import nodemailer from 'nodemailer';
import type { EntityManager } from './database.ts';
import { isSealed, openText, sealText } from './sealed-text.ts';

/** An email or a text message to a person; the phone verification code travels the same way. */
export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  text: string;
  /** Names what the message is about (e.g. `account:<id>`), so an undone action can withdraw it while unsent. */
  ref?: string;
  /** Not mailed before this many seconds have passed, leaving time to withdraw it. */
  holdSeconds?: number;
}

export interface OutboxEntry extends OutgoingMessage {
  id: string;
  createdAt: string;
}

/** The one way any service sends a person something. */
export interface Notifier {
  /** With `em`, a local outbox row joins the caller's transaction, so a rolled-back action sends nothing. */
  send(message: OutgoingMessage, em?: EntityManager): Promise<void>;
  /** Deletes the unsent messages with this `ref` (in `em`'s transaction); returns how many. */
  withdraw(ref: string, em?: EntityManager): Promise<number>;
  /**
   * Runs the very statement `send` would, storing nothing: for answers that must take as long
   * whether or not a message goes out (recovery must not reveal who has an account).
   */
  rehearse(message: OutgoingMessage, em?: EntityManager): Promise<void>;
}

/** SQL for the outbox table; each subgraph creates it in its own schema with its first migration. */
export const createOutboxTableSql = (schema: string) => `create table "${schema}"."outbox_message" (
  "id" uuid primary key default gen_random_uuid(),
  "channel" text not null check ("channel" in ('email', 'sms')),
  "to" text not null,
  "subject" text not null,
  "text" text not null,
  "created_at" timestamptz not null default now()
);
create index "outbox_message_created_at_idx" on "${schema}"."outbox_message" ("created_at" desc);`;

/** Bodies are kept (encrypted) this long at most, then erased: a link or code in them is useless by then. */
export const OUTBOX_BODY_RETENTION_MINUTES = 60;
/** What /dev/outbox shows for a body erased after delivery or retention. */
export const ERASED_BODY = '[erased: delivered, or older than the retention period]';

/** Binds a sealed body to its row's channel and recipient. */
const sealContext = (channel: string, to: string) => `outbox:${channel}:${to}`;

/**
 * Every message is stored first, its body encrypted (AES-256-GCM, key OUTBOX_ENCRYPTION_KEY), so
 * reading the table yields no link or code; in development they are listed at the gateway's
 * /dev/outbox, and with SMTP_URL the relay mails them and erases the body.
 */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly schema: string,
    private readonly defaultEm: () => EntityManager,
    private readonly key: Buffer,
  ) {}

  send(message: OutgoingMessage, em?: EntityManager): Promise<void> {
    return this.insert(message, em, true);
  }

  rehearse(message: OutgoingMessage, em?: EntityManager): Promise<void> {
    return this.insert(message, em, false);
  }

  private async insert(message: OutgoingMessage, em: EntityManager | undefined, store: boolean): Promise<void> {
    const manager = em ?? this.defaultEm();
    await manager.getConnection().execute(
      `insert into "${this.schema}"."outbox_message" ("channel", "to", "subject", "text", "ref", "next_attempt_at")
         select ?, ?, ?, ?, ?, case when ?::int > 0 then now() + make_interval(secs => ?::int) end where ?::boolean`,
      [
        message.channel,
        message.to,
        message.subject,
        sealText(this.key, message.text, sealContext(message.channel, message.to)),
        message.ref ?? null,
        message.holdSeconds ?? 0,
        message.holdSeconds ?? 0,
        store,
      ],
      'run',
      manager.getTransactionContext(),
    );
  }

  async withdraw(ref: string, em?: EntityManager): Promise<number> {
    const manager = em ?? this.defaultEm();
    const result = await manager
      .getConnection()
      .execute(`delete from "${this.schema}"."outbox_message" where "ref" = ? and "sent_at" is null`, [ref], 'run', manager.getTransactionContext());
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }

  async list(em: EntityManager, limit = 100): Promise<OutboxEntry[]> {
    const rows: Array<{ id: string; channel: 'email' | 'sms'; to: string; subject: string; text: string; created_at: Date }> = await em
      .getConnection()
      .execute(`select * from "${this.schema}"."outbox_message" order by "created_at" desc, "id" limit ?`, [limit]);
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      to: row.to,
      subject: row.subject,
      text: this.readable(row),
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }

  /** Erases bodies past the retention period (delivered bodies are erased by the relay at once). */
  async eraseExpired(em: EntityManager = this.defaultEm()): Promise<number> {
    const result = await em
      .getConnection()
      .execute(
        `update "${this.schema}"."outbox_message" set "text" = '' where "text" <> '' and "created_at" < now() - make_interval(mins => ?)`,
        [OUTBOX_BODY_RETENTION_MINUTES],
        'run',
      );
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }

  private readable(row: { channel: string; to: string; text: string }): string {
    if (row.text === '') return ERASED_BODY;
    try {
      return openText(this.key, row.text, sealContext(row.channel, row.to));
    } catch {
      return '[unreadable: sealed with another OUTBOX_ENCRYPTION_KEY]';
    }
  }
}

/** Reads a body the notifier sealed; throws if it cannot (another key, or erased). */
export function openOutboxBody(key: Buffer, row: { channel: string; to: string; text: string }): string {
  if (!isSealed(row.text)) throw new Error('the body is erased or was never sealed');
  return openText(key, row.text, sealContext(row.channel, row.to));
}

/** Columns the relay needs; each subgraph adds them with a migration (see `outboxDeliverySql`). */
export const outboxDeliverySql = (schema: string) => `alter table "${schema}"."outbox_message"
  add column "sent_at" timestamptz null,
  add column "attempts" integer not null default 0,
  add column "next_attempt_at" timestamptz null,
  add column "last_error" text null;
create index "outbox_message_pending_idx" on "${schema}"."outbox_message" ("created_at") where "sent_at" is null and "channel" = 'email';`;

/**
 * Issue #12: the `ref` column (withdrawing an unsent message), and bodies written before sealing
 * erased, since they may hold live links or codes in clear.
 */
export const outboxSealingSql = (schema: string) => `alter table "${schema}"."outbox_message" add column "ref" text null;
create index "outbox_message_ref_idx" on "${schema}"."outbox_message" ("ref") where "ref" is not null;
update "${schema}"."outbox_message" set "text" = '' where "text" not like 'sealed:v1:%';`;

const MAX_ATTEMPTS = 10;

/**
 * With SMTP_URL: delivers the outbox's committed emails (a transactional outbox), so a rolled-back
 * action never mails anyone and no transaction waits on SMTP. Rows are claimed with `skip locked`,
 * so several processes may relay at once; failures back off and are retried up to 10 times.
 */
export class OutboxRelay {
  private readonly transport: nodemailer.Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly schema: string,
    private readonly em: () => EntityManager,
    private readonly key: Buffer,
    smtpUrl: string,
    private readonly from: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  start(intervalMs = 1000) {
    this.timer = setInterval(() => void this.deliverPending(), intervalMs);
    this.timer.unref();
  }

  /** Sends what is due now; returns how many were sent. */
  deliverPending(): Promise<number> {
    this.running ??= this.deliverBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverBatch(): Promise<number> {
    try {
      return await this.em().transactional(async (em) => {
        const connection = em.getConnection();
        const tx = em.getTransactionContext();
        const due: Array<{ id: string; channel: string; to: string; subject: string; text: string; attempts: number }> = await connection.execute(
          `select "id", "channel", "to", "subject", "text", "attempts" from "${this.schema}"."outbox_message"
           where "channel" = 'email' and "sent_at" is null and "attempts" < ? and ("next_attempt_at" is null or "next_attempt_at" <= now())
           order by "created_at" limit 20 for update skip locked`,
          [MAX_ATTEMPTS],
          'all',
          tx,
        );
        let sent = 0;
        for (const message of due) {
          try {
            await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: openOutboxBody(this.key, message) });
            // Delivered: the body (and any link or code in it) is not kept.
            await connection.execute(
              `update "${this.schema}"."outbox_message" set "sent_at" = now(), "attempts" = "attempts" + 1, "text" = '' where "id" = ?`,
              [message.id],
              'run',
              tx,
            );
            sent++;
          } catch (error) {
            const backoffSeconds = 2 ** Math.min(message.attempts, 10);
            await connection.execute(
              `update "${this.schema}"."outbox_message" set "attempts" = "attempts" + 1, "last_error" = ?, "next_attempt_at" = now() + make_interval(secs => ?) where "id" = ?`,
              [String((error as Error).message ?? error).slice(0, 500), backoffSeconds, message.id],
              'run',
              tx,
            );
          }
        }
        return sent;
      });
    } catch (error) {
      this.onError(error);
      return 0;
    }
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.transport.close();
  }
}
