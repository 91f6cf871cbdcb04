import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMemberFields, signUpIndividual, useStack } from '@econtract/testkit';

interface Received {
  to: string[];
  raw: string;
}

// A real SMTP server on loopback; it refuses recipients at "refuse-once-*" the first time.
const received: Received[] = [];
const refusedOnce = new Set<string>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('refuse-once') && !refusedOnce.has(address.address)) {
      refusedOnce.add(address.address);
      return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
    }
    callback();
  },
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as { port: number }).port;
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const stack = useStack({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'E-Contract <no-reply@econtract.local>' } });
const relay = () => stack.subgraphs.identity.relay!;
const mailTo = (address: string) => received.filter((mail) => mail.to.includes(address));

beforeAll(() => {
  expect(stack.subgraphs.identity.relay).toBeDefined();
});

describe('outbox relay (SMTP_URL set)', () => {
  it('mails a committed message once, and marks it sent', async () => {
    const member = newMemberFields('relay');
    expect((await signUpIndividual(stack, member)).errors).toBeUndefined();
    expect(await relay().deliverPending()).toBeGreaterThanOrEqual(1);
    expect(await relay().deliverPending()).toBe(0);
    const mails = mailTo(member.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toMatch(/From: "?E-Contract"? <no-reply@econtract.local>/);
    expect(mails[0]!.raw).toMatch(/verify-email\?token=/);
    const [row] = await stack.sql('select sent_at is not null as sent, attempts, "text" from identity.outbox_message where "to" = ?', [member.email]);
    // Delivered: the body, with its live link, is erased (issue #12).
    expect(row).toEqual({ sent: true, attempts: 1, text: '' });
    expect((await stack.outbox(member.email))[0]!.text).toMatch(/^\[erased/);
  });

  it('never mails what a rolled-back action wrote', async () => {
    const identity = stack.subgraphs.identity;
    await expect(
      identity.createContext().em.transactional(async (tx) => {
        await identity.notifier.send({ channel: 'email', to: 'ghost@example.com', subject: 'never', text: 'never' }, tx);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    await relay().deliverPending();
    expect(mailTo('ghost@example.com')).toEqual([]);
  });

  it('retries a refused delivery later, recording the error', async () => {
    const identity = stack.subgraphs.identity;
    await identity.notifier.send({ channel: 'email', to: 'refuse-once@example.com', subject: '재시도', text: 'second time lucky' });
    expect(await relay().deliverPending()).toBe(0);
    const [failed] = await stack.sql('select sent_at, attempts, last_error from identity.outbox_message where "to" = ?', ['refuse-once@example.com']);
    expect(failed).toMatchObject({ sent_at: null, attempts: 1, last_error: expect.stringContaining('451') });
    expect(await relay().deliverPending()).toBe(0); // backing off
    await stack.sql('update identity.outbox_message set next_attempt_at = now() where "to" = ?', ['refuse-once@example.com']);
    expect(await relay().deliverPending()).toBe(1);
    expect(mailTo('refuse-once@example.com')).toHaveLength(1);
  });

  it.each(['identity', 'organization', 'documents', 'billing'] as const)('relays the %s outbox', async (name) => {
    const subgraph = stack.subgraphs[name];
    const to = `${name}-relay@example.com`;
    await subgraph.notifier.send({ channel: 'email', to, subject: `${name} 알림`, text: 'relayed' });
    expect(await subgraph.relay!.deliverPending()).toBe(1);
    expect(mailTo(to)).toHaveLength(1);
  });

  it('keeps text messages in the outbox: SMTP carries no SMS', async () => {
    await stack.subgraphs.identity.notifier.send({ channel: 'sms', to: '01012345678', subject: '인증번호', text: '654321' });
    await relay().deliverPending();
    expect(received.some((mail) => mail.to.includes('01012345678'))).toBe(false);
    expect(await stack.outbox('01012345678')).toHaveLength(1);
  });
});
