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

/** Local default: messages are stored, and in development listed at the gateway's /dev/outbox. */
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

/** Real email through SMTP_URL; text messages still need an SMS provider, so they go to the outbox. */
export class SmtpNotifier implements Notifier {
  private readonly transport: nodemailer.Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly fallback: Notifier,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: OutgoingMessage, em?: EntityManager): Promise<void> {
    if (message.channel !== 'email') return this.fallback.send(message, em);
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  close() {
    this.transport.close();
  }
}
