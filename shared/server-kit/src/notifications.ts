import nodemailer from 'nodemailer';
import type { EntityManager } from './database.ts';

/** An email or a text message to a person; the phone verification code travels the same way. */
export interface OutgoingMessage {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  text: string;
}

export interface OutboxEntry extends OutgoingMessage {
  id: string;
  createdAt: string;
}

/** The one way any service sends a person something. */
export interface Notifier {
  /** With `em`, a local outbox row joins the caller's transaction, so a rolled-back action sends nothing. */
  send(message: OutgoingMessage, em?: EntityManager): Promise<void>;
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

/** Every message is stored first; in development they are listed at the gateway's /dev/outbox, and with SMTP_URL the relay mails them. */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly schema: string,
    private readonly defaultEm: () => EntityManager,
  ) {}

  async send(message: OutgoingMessage, em?: EntityManager): Promise<void> {
    const manager = em ?? this.defaultEm();
    await manager
      .getConnection()
      .execute(
        `insert into "${this.schema}"."outbox_message" ("channel", "to", "subject", "text") values (?, ?, ?, ?)`,
        [message.channel, message.to, message.subject, message.text],
        'run',
        manager.getTransactionContext(),
      );
  }

  async list(em: EntityManager, limit = 100): Promise<OutboxEntry[]> {
    const rows: Array<{ id: string; channel: 'email' | 'sms'; to: string; subject: string; text: string; created_at: Date }> = await em
      .getConnection()
      .execute(`select * from "${this.schema}"."outbox_message" order by "created_at" desc, "id" limit ?`, [limit]);
    return rows.map((row) => ({ id: row.id, channel: row.channel, to: row.to, subject: row.subject, text: row.text, createdAt: new Date(row.created_at).toISOString() }));
  }
}

/** Columns the relay needs; each subgraph adds them with a migration (see `outboxDeliverySql`). */
export const outboxDeliverySql = (schema: string) => `alter table "${schema}"."outbox_message"
  add column "sent_at" timestamptz null,
  add column "attempts" integer not null default 0,
  add column "next_attempt_at" timestamptz null,
  add column "last_error" text null;
create index "outbox_message_pending_idx" on "${schema}"."outbox_message" ("created_at") where "sent_at" is null and "channel" = 'email';`;

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
        const due: Array<{ id: string; to: string; subject: string; text: string; attempts: number }> = await connection.execute(
          `select "id", "to", "subject", "text", "attempts" from "${this.schema}"."outbox_message"
           where "channel" = 'email' and "sent_at" is null and "attempts" < ? and ("next_attempt_at" is null or "next_attempt_at" <= now())
           order by "created_at" limit 20 for update skip locked`,
          [MAX_ATTEMPTS],
          'all',
          tx,
        );
        let sent = 0;
        for (const message of due) {
          try {
            await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
            await connection.execute(`update "${this.schema}"."outbox_message" set "sent_at" = now(), "attempts" = "attempts" + 1 where "id" = ?`, [message.id], 'run', tx);
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
