import { describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { lotExpiresAt } from '../src/lot/lot-expiry.ts';
import { nodes } from './billing.fixtures.ts';

const stack = useStack();

const PREPARE = 'mutation ($plan: String!) { preparePayment(planCode: $plan) { orderId amountKrw orderName plan { code } } }';
const CONFIRM =
  'mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id orderId status amountKrw supplyKrw vatKrw cardCompany cardLast4 approvalNumber approvedAt receiptUrl plan { code } } }';
const PAYMENTS =
  'query ($first: Int!, $after: String) { payments(first: $first, after: $after) { edges { cursor node { id orderId status amountKrw declineReason plan { code } } } pageInfo { hasNextPage endCursor } } }';

const admin = () => stack.login('demo-admin');
async function prepare(token: string, plan = 'SOHO') {
  const result = await stack.graphql(PREPARE, { plan }, { token });
  expect(result.errors).toBeUndefined();
  return result.data.preparePayment as { orderId: string; amountKrw: number };
}
const confirm = (token: string, input: { orderId: string; paymentKey: string; amountKrw: number }) => stack.graphql(CONFIRM, { input }, { token });
const lotsOfPayment = (orderId: string) =>
  stack.sql(`select l.* from billing.prepaid_lot l join billing.payment p on p.id = l.payment_id where p.order_id = ?`, [orderId]);
const paymentRow = async (orderId: string) => (await stack.sql(`select * from billing.payment where order_id = ?`, [orderId]))[0];

describe('card payments (R-BILL-6)', () => {
  it('prepares an order at the catalogue price and refuses plans that cannot be bought by card', async () => {
    const token = await admin();
    const order = await prepare(token, 'BUSINESS');
    expect(order).toMatchObject({ amountKrw: 660_000, orderName: '비즈니스형', plan: { code: 'BUSINESS' } });
    expect(order.orderId).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
    expect(await paymentRow(order.orderId)).toMatchObject({
      company_id: DemoIds.company,
      status: 'READY',
      amount_krw: 660_000,
      supply_krw: 600_000,
      vat_krw: 60_000,
      requested_by: DemoIds.totalAdmin,
    });
    for (const plan of ['FREE_PASS', 'SIGNUP_EVENT', 'NO_SUCH_PLAN']) {
      const result = await stack.graphql(PREPARE, { plan }, { token });
      expect(result.errors?.[0]?.extensions?.code, plan).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/SOHO/);
    }
    expect((await prepare(token)).orderId).not.toBe(order.orderId);
  });

  it('confirms an approved payment: one PAID lot with the plan validity, VAT split, card details', async () => {
    const token = await admin();
    const order = await prepare(token);
    const result = await confirm(token, { orderId: order.orderId, paymentKey: 'test_approve_1', amountKrw: 99_000 });
    expect(result.errors).toBeUndefined();
    expect(result.data.confirmPayment).toMatchObject({
      orderId: order.orderId,
      status: 'APPROVED',
      amountKrw: 99_000,
      supplyKrw: 90_000,
      vatKrw: 9_000,
      cardCompany: '신한카드',
      cardLast4: '4242',
      receiptUrl: expect.stringMatching(/\/receipts\/[0-9a-f-]{36}\?token=ey/),
      plan: { code: 'SOHO' },
    });
    expect(result.data.confirmPayment.approvalNumber).toMatch(/^\d{8}$/);
    const lots = await lotsOfPayment(order.orderId);
    expect(lots).toHaveLength(1);
    expect(lots[0]).toMatchObject({ company_id: DemoIds.company, plan_code: 'SOHO', kind: 'PAID', charged_count: 30, used_count: 0 });
    expect(new Date(lots[0].expires_at).toISOString()).toBe(lotExpiresAt(new Date(lots[0].purchased_at), 12).toISOString());
  });

  it('answers a retried confirm with the same payment and still one lot', async () => {
    const token = await admin();
    const order = await prepare(token);
    const input = { orderId: order.orderId, paymentKey: 'test_approve_retry', amountKrw: 99_000 };
    const first = await confirm(token, input);
    const retry = await confirm(token, input);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.confirmPayment.id).toBe(first.data.confirmPayment.id);
    expect(await lotsOfPayment(order.orderId)).toHaveLength(1);
    const other = await confirm(token, { ...input, paymentKey: 'test_approve_other' });
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await lotsOfPayment(order.orderId)).toHaveLength(1);
  });

  it('creates exactly one lot when confirm is sent 10 times at once', async () => {
    const token = await admin();
    const order = await prepare(token);
    const input = { orderId: order.orderId, paymentKey: 'test_approve_race', amountKrw: 99_000 };
    const results = await Promise.all(Array.from({ length: 10 }, () => confirm(token, input)));
    expect(results.map((result) => result.errors)).toEqual(Array.from({ length: 10 }, () => undefined));
    expect(new Set(results.map((result) => result.data.confirmPayment.id)).size).toBe(1);
    expect(await lotsOfPayment(order.orderId)).toHaveLength(1);
  });

  it('refuses an amount that differs from the order (BAD_USER_INPUT) and charges nothing', async () => {
    const token = await admin();
    const order = await prepare(token);
    const result = await confirm(token, { orderId: order.orderId, paymentKey: 'test_approve_cheap', amountKrw: 100 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/does not match/);
    expect(await paymentRow(order.orderId)).toMatchObject({ status: 'READY', payment_key: null });
    expect(await lotsOfPayment(order.orderId)).toHaveLength(0);
  });

  it('records a declined payment with the reason, creates no lot, and refuses to confirm that order again', async () => {
    const token = await admin();
    const order = await prepare(token);
    const result = await confirm(token, { orderId: order.orderId, paymentKey: 'test_decline_1', amountKrw: 99_000 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REJECT_CARD_COMPANY' });
    expect(result.errors?.[0]?.message).toMatch(/declined.*카드사/s);
    expect(await paymentRow(order.orderId)).toMatchObject({ status: 'DECLINED', decline_code: 'REJECT_CARD_COMPANY' });
    expect(await lotsOfPayment(order.orderId)).toHaveLength(0);
    const again = await confirm(token, { orderId: order.orderId, paymentKey: 'test_approve_after_decline', amountKrw: 99_000 });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await lotsOfPayment(order.orderId)).toHaveLength(0);
  });

  it('answers a provider timeout with a retryable SERVICE_UNAVAILABLE, records nothing, and approves on retry', async () => {
    const token = await admin();
    const order = await prepare(token);
    const timedOut = await confirm(token, { orderId: order.orderId, paymentKey: 'test_timeout_1', amountKrw: 99_000 });
    expect(timedOut.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'PAYMENT_PROVIDER_UNAVAILABLE', retryable: true });
    expect(await paymentRow(order.orderId)).toMatchObject({ status: 'READY' });
    expect(await lotsOfPayment(order.orderId)).toHaveLength(0);
    const retried = await confirm(token, { orderId: order.orderId, paymentKey: 'test_approve_after_timeout', amountKrw: 99_000 });
    expect(retried.data.confirmPayment.status).toBe('APPROVED');
    expect(await lotsOfPayment(order.orderId)).toHaveLength(1);
  });

  it("cannot confirm another company's order (NOT_FOUND)", async () => {
    const order = await prepare(await admin());
    const individual = await stack.login('demo-individual');
    const result = await confirm(individual, { orderId: order.orderId, paymentKey: 'test_approve_x', amountKrw: 99_000 });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await paymentRow(order.orderId)).toMatchObject({ status: 'READY' });
  });

  it('lists settled payments newest first, page by page, for the own company only', async () => {
    const token = await admin();
    const listed = (await stack.graphql(PAYMENTS, { first: 100 }, { token })).data.payments;
    const all = nodes<{ id: string; status: string }>(listed);
    expect(all).toHaveLength(5); // four approved, one declined (earlier tests in this file)
    expect(all.every((payment) => payment.status !== 'READY')).toBe(true);
    const rows = await stack.sql(`select id from billing.payment where company_id = ? and status <> 'READY' order by created_at desc, id desc`, [
      DemoIds.company,
    ]);
    expect(all.map((payment) => payment.id)).toEqual(rows.map((row) => row.id));
    expect(all.some((payment) => payment.status === 'DECLINED')).toBe(true);

    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (
        await stack.graphql(PAYMENTS, { first: 2, after }, { token })
      ).data.payments;
      paged.push(...nodes(page).map((payment) => payment.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((payment) => payment.id));

    const individual = await stack.login('demo-individual');
    expect((await stack.graphql(PAYMENTS, { first: 100 }, { token: individual })).data.payments.edges).toEqual([]);
    const foreignCursor = await stack.graphql(PAYMENTS, { first: 5, after: listed.edges[0].cursor }, { token: individual });
    expect(foreignCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.graphql(PAYMENTS, { first: 101 }, { token })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps an audit trail of prepared, approved and declined payments', async () => {
    const events = await stack.sql(`select action, actor, actor_user_id, amount_krw from billing.audit_event where company_id = ? order by occurred_at`, [
      DemoIds.company,
    ]);
    const actions = new Set(events.map((event) => event.action));
    expect(actions).toEqual(new Set(['PAYMENT_PREPARED', 'PAYMENT_APPROVED', 'PAYMENT_DECLINED']));
    expect(events.every((event) => event.actor === 'user:demo-admin' && event.actor_user_id === DemoIds.totalAdmin)).toBe(true);
    const approved = await stack.sql(`select count(*)::int as n from billing.payment where company_id = ? and status = 'APPROVED'`, [DemoIds.company]);
    expect(events.filter((event) => event.action === 'PAYMENT_APPROVED')).toHaveLength(approved[0].n);
  });
});
