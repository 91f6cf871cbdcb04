import { describe, expect, it } from 'vitest';
import type { OutboxRoutes } from '@econtract/server-kit';
import { productionEnv, startStack, useStack } from '@econtract/testkit';

const stack = useStack();

const outbox = async () => (await fetch(`${stack.gatewayUrl}/dev/outbox`)).json();

describe('dev mail outbox', () => {
  it('lists what every subgraph stored, newest first', async () => {
    const { identity, billing } = stack.subgraphs;
    await identity.notifier.send({ channel: 'email', to: 'first@example.com', subject: '이메일 인증', text: 'Verify: token-1' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await billing.notifier.send({ channel: 'sms', to: '01012345678', subject: '인증번호', text: '123456' });
    const messages = await outbox();
    expect(messages.slice(0, 2)).toEqual([
      { channel: 'sms', to: '01012345678', subject: '인증번호', text: '123456', createdAt: expect.any(String) },
      { channel: 'email', to: 'first@example.com', subject: '이메일 인증', text: 'Verify: token-1', createdAt: expect.any(String) },
    ]);
    expect(Date.parse(messages[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(messages[1].createdAt));
  });

  it('sends nothing when the action that sent it rolls back', async () => {
    const { identity } = stack.subgraphs;
    const before = (await outbox()).length;
    const em = identity.createContext().em;
    await expect(
      em.transactional(async (tx) => {
        await identity.notifier.send({ channel: 'email', to: 'ghost@example.com', subject: 'never', text: 'never' }, tx);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const after = await outbox();
    expect(after).toHaveLength(before);
    expect(after.some((message: { to: string }) => message.to === 'ghost@example.com')).toBe(false);
  });
});

describe('in production', () => {
  it('does not serve the outbox, at the gateway or at a subgraph', async () => {
    // Production refuses every secret written in the repository, so these are made per run.
    const production = await startStack({ env: productionEnv() });
    try {
      expect((await fetch(`${production.gatewayUrl}/dev/outbox`)).status).toBe(404);
      // Not served in production: the subgraph answers its JSON 404 for an unknown route.
      await expect(production.internal<OutboxRoutes>('identity').outbox.list.query()).rejects.toThrow(/HTTP 404/);
      await expect(stack.internal<OutboxRoutes>('identity').outbox.list.query()).resolves.toEqual(expect.any(Array));
      expect((await fetch(`${production.gatewayUrl}/healthz`)).status).toBe(200);
    } finally {
      await production.stop();
    }
  });
});
