import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpNotifier, type Notifier, type OutgoingMessage } from '../src/notifications.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SmtpNotifier (SMTP_URL set)', () => {
  it('delivers email through the SMTP server', async () => {
    const fallback: OutgoingMessage[] = [];
    const notifier = new SmtpNotifier(`smtp://127.0.0.1:${port}`, 'E-Contract <no-reply@econtract.local>', { send: async (m) => void fallback.push(m) } satisfies Notifier);
    await notifier.send({ channel: 'email', to: 'admin@company.example', subject: 'Verify your email', text: 'Open https://example/verify?token=abc' });
    notifier.close();
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('no-reply@econtract.local');
    expect(received[0]!.to).toEqual(['admin@company.example']);
    expect(received[0]!.raw).toContain('Subject: Verify your email');
    expect(received[0]!.raw).toContain('https://example/verify?token=abc');
    expect(fallback).toEqual([]);
  });

  it('keeps text messages in the local outbox: SMTP carries no SMS', async () => {
    const fallback: OutgoingMessage[] = [];
    const notifier = new SmtpNotifier(`smtp://127.0.0.1:${port}`, 'x@econtract.local', { send: async (m) => void fallback.push(m) });
    const sms: OutgoingMessage = { channel: 'sms', to: '01012345678', subject: '인증번호', text: '654321' };
    const before = received.length;
    await notifier.send(sms);
    notifier.close();
    expect(fallback).toEqual([sms]);
    expect(received).toHaveLength(before);
  });
});
