import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@econtract/server-kit';
import { demoAdminViewer, useStack } from '@econtract/testkit';
import { loadBillingEnv, paymentProviderFrom } from '../src/billing.env.ts';
import { LocalTestPaymentProvider, PaymentProviderUnavailable } from '../src/payment/payment.provider.ts';
import { confirmPayment, preparePayment } from '../src/payment/payment.service.ts';
import { TossPaymentsProvider } from '../src/payment/toss-payments.provider.ts';

const SECRET = 'test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R';

interface Received {
  url: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** A stand-in for Toss on 127.0.0.1:0: the payment key picks the answer. */
let server: http.Server;
let baseUrl: string;
const received: Received[] = [];
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}');
      received.push({ url: req.url!, method: req.method!, headers: req.headers, body });
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (body.paymentKey?.startsWith('ok_')) {
        return reply(200, {
          paymentKey: body.paymentKey,
          orderId: body.orderId,
          status: 'DONE',
          totalAmount: body.amount,
          approvedAt: '2026-11-24T21:10:05+09:00',
          card: { issuerCode: '61', number: '43301234****123*', approveNo: '00012345' },
        });
      }
      if (body.paymentKey?.startsWith('reject_'))
        return reply(400, { code: 'REJECT_CARD_PAYMENT', message: '한도초과 혹은 잔액부족으로 결제에 실패했습니다.' });
      if (body.paymentKey?.startsWith('broken_')) return reply(500, { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: 'internal' });
      hanging.push(res); // never answers
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const toss = (timeoutMs = 5_000) => new TossPaymentsProvider({ baseUrl, secretKey: SECRET, timeoutMs });
const request = (paymentKey: string) => ({ paymentKey, orderId: 'order_abc123', amount: 99_000, idempotencyKey: 'order_abc123' });

describe('TossPaymentsProvider against a fake Toss server', () => {
  it('sends the documented confirm request and maps an approval', async () => {
    received.length = 0;
    const result = await toss().confirm(request('ok_1'));
    expect(result).toEqual({
      status: 'APPROVED',
      approvedAt: new Date('2026-11-24T12:10:05Z'),
      cardCompany: '현대카드',
      cardLast4: '123*',
      approvalNumber: '00012345',
    });
    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call).toMatchObject({ url: '/v1/payments/confirm', method: 'POST', body: { paymentKey: 'ok_1', orderId: 'order_abc123', amount: 99_000 } });
    expect(call!.headers.authorization).toBe(`Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`);
    expect(call!.headers['idempotency-key']).toBe('order_abc123');
    expect(call!.headers['content-type']).toMatch(/application\/json/);
  });

  it("maps a 4xx with { code, message } to a decline carrying Toss's reason", async () => {
    expect(await toss().confirm(request('reject_1'))).toEqual({
      status: 'DECLINED',
      code: 'REJECT_CARD_PAYMENT',
      message: '한도초과 혹은 잔액부족으로 결제에 실패했습니다.',
    });
  });

  it('treats no answer in time, and a 5xx, as an unknown outcome (PaymentProviderUnavailable)', async () => {
    await expect(toss(300).confirm(request('hang_1'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
    await expect(toss().confirm(request('broken_1'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });

  it('treats an unreachable server as an unknown outcome', async () => {
    const closed = new TossPaymentsProvider({ baseUrl: 'http://127.0.0.1:1', secretKey: SECRET, timeoutMs: 2_000 });
    await expect(closed.confirm(request('ok_2'))).rejects.toBeInstanceOf(PaymentProviderUnavailable);
  });
});

describe('billing settings', () => {
  it('uses the local test provider by default and Toss when configured, refusing Toss without a secret', () => {
    expect(paymentProviderFrom(loadBillingEnv({}))).toBeInstanceOf(LocalTestPaymentProvider);
    expect(paymentProviderFrom(loadBillingEnv({ PAYMENT_PROVIDER: 'toss', TOSS_SECRET_KEY: SECRET }))).toBeInstanceOf(TossPaymentsProvider);
    expect(loadBillingEnv({}).TOSS_BASE_URL).toBe('https://api.tosspayments.com');
    expect(() => loadBillingEnv({ PAYMENT_PROVIDER: 'toss' })).toThrow(/TOSS_SECRET_KEY/);
    expect(() => loadBillingEnv({ PAYMENT_PROVIDER: 'paypal' })).toThrow();
    expect(() => loadBillingEnv({ NODE_ENV: 'production' })).toThrow(/PAYMENT_PROVIDER/);
  });
});

describe('confirmPayment with Toss (service level, demo company)', () => {
  const stack = useStack();
  const context = () => stack.subgraphs.billing.createContext({ viewer: demoAdminViewer() }) as never;

  it('refuses an amount mismatch before calling Toss', async () => {
    const order = await preparePayment(context(), 'SOHO');
    received.length = 0;
    const refusal = await confirmPayment(context(), { orderId: order.orderId, paymentKey: 'ok_3', amountKrw: 1_000 }, toss()).catch((error) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(received).toHaveLength(0);
    expect(await stack.sql(`select status from billing.payment where order_id = ?`, [order.orderId])).toEqual([{ status: 'READY' }]);
  });

  it('approves through Toss with the order id as idempotency key and creates the lot', async () => {
    const order = await preparePayment(context(), 'SOHO');
    received.length = 0;
    const payment = await confirmPayment(context(), { orderId: order.orderId, paymentKey: 'ok_4', amountKrw: 99_000 }, toss());
    expect(payment).toMatchObject({ status: 'APPROVED', cardCompany: '현대카드', approvalNumber: '00012345' });
    expect(received.map((call) => call.headers['idempotency-key'])).toEqual([order.orderId]);
    expect(await stack.sql(`select kind, charged_count from billing.prepaid_lot where payment_id = ?`, [payment.id])).toEqual([
      { kind: 'PAID', charged_count: 30 },
    ]);
  });

  it('declines through Toss with its reason, and times out as a retryable SERVICE_UNAVAILABLE', async () => {
    const declined = await preparePayment(context(), 'SOHO');
    const error = await confirmPayment(context(), { orderId: declined.orderId, paymentKey: 'reject_2', amountKrw: 99_000 }, toss()).catch((e) => e);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('한도초과') });

    const slow = await preparePayment(context(), 'SOHO');
    const timeout = await confirmPayment(context(), { orderId: slow.orderId, paymentKey: 'hang_2', amountKrw: 99_000 }, toss(300)).catch((e) => e);
    expect(timeout).toMatchObject({ code: 'SERVICE_UNAVAILABLE', extensions: { retryable: true } });
    expect(await stack.sql(`select status from billing.payment where order_id in (?, ?) order by status`, [declined.orderId, slow.orderId])).toEqual([
      { status: 'DECLINED' },
      { status: 'READY' },
    ]);
  });
});
