import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { useStack } from '@econtract/testkit';
import { renderReceiptPdf } from '../src/receipt/receipt.pdf.ts';
import { nodes } from './billing.fixtures.ts';

const stack = useStack();

const RECEIPT = 'query ($id: ID!) { viewer { company { id paymentReceipt(paymentId: $id) { fileName contentType contentBase64 } } } }';

const textOf = async (pdf: Buffer) => {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
};

async function approvedPayment(token: string) {
  const order = (await stack.graphql('mutation { preparePayment(planCode: "SOHO") { orderId amountKrw } }', {}, { token })).data.preparePayment;
  const confirmed = await stack.graphql(
    'mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id approvalNumber } }',
    {
      input: { orderId: order.orderId, paymentKey: 'test_approve_receipt', amountKrw: order.amountKrw },
    },
    { token },
  );
  return { orderId: order.orderId as string, ...(confirmed.data.confirmPayment as { id: string; approvalNumber: string }) };
}

describe('payment receipts (R-BILL-6)', () => {
  it('renders Korean text with an embedded font', async () => {
    const pdf = await renderReceiptPdf({
      supplier: { name: '(주)이컨트랙트', businessNumber: '1234567890', address: '서울특별시' },
      buyer: { name: '데모전자(주)', businessNumber: '1234567891' },
      planName: '소호형',
      orderId: 'order_test',
      supplyKrw: 90_000,
      vatKrw: 9_000,
      amountKrw: 99_000,
      cardCompany: '신한카드',
      cardLast4: '4242',
      approvalNumber: '12345678',
      approvedAt: new Date('2026-11-24T12:00:00Z'),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile[23]?/);
    const text = await textOf(pdf);
    for (const expected of [
      '카드 결제 영수증',
      '(주)이컨트랙트',
      '123-45-67890',
      '데모전자(주)',
      '123-45-67891',
      '소호형',
      '90,000원',
      '9,000원',
      '99,000원',
      '신한카드',
      '4242',
      '12345678',
      '2026-11-24 21:00:00 (KST)',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("serves an approved payment's receipt with the buyer's company and business number to the total admin", async () => {
    const token = await stack.login('demo-admin');
    const payment = await approvedPayment(token);
    const result = await stack.graphql(RECEIPT, { id: payment.id }, { token });
    expect(result.errors).toBeUndefined();
    const receipt = result.data.viewer.company.paymentReceipt;
    expect(receipt).toMatchObject({ fileName: `receipt-${payment.orderId}.pdf`, contentType: 'application/pdf' });
    const text = await textOf(Buffer.from(receipt.contentBase64, 'base64'));
    for (const expected of ['데모전자(주)', '123-45-67891', '소호형', '90,000원', '9,000원', '99,000원', '신한카드', payment.approvalNumber, payment.orderId]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('is refused to staff (FORBIDDEN) and to other companies (NOT_FOUND)', async () => {
    const payment = await approvedPayment(await stack.login('demo-admin'));
    const staff = await stack.graphql(RECEIPT, { id: payment.id }, { token: await stack.login('demo-staff') });
    expect(staff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const individual = await stack.graphql(RECEIPT, { id: payment.id }, { token: await stack.login('demo-individual') });
    expect(individual.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await stack.graphql(RECEIPT, { id: randomUUID() }, { token: await stack.login('demo-admin') });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Every id is a UUID (server kit input.ts): what is not one is bad input, not an unknown row.
    const malformed = await stack.graphql(RECEIPT, { id: 'not-an-id' }, { token: await stack.login('demo-admin') });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves the PDF at receiptUrl, a signed link that opens without a sign-in header', async () => {
    const token = await stack.login('demo-admin');
    const payment = await approvedPayment(token);
    const listed = await stack.graphql('{ payments(first: 20) { edges { node { id status receiptUrl } } } }', {}, { token });
    const entry = nodes(listed.data.payments).find((p: { id: string }) => p.id === payment.id);
    expect(entry.receiptUrl).toMatch(/^http:\/\/localhost:4000\/receipts\//);

    const local = new URL(entry.receiptUrl);
    const response = await fetch(`${stack.gatewayUrl}${local.pathname}${local.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const text = await textOf(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('데모전자(주)');
    expect(text).toContain('123-45-67891');
    expect(text).toContain(payment.approvalNumber);

    const tampered = await fetch(`${stack.gatewayUrl}${local.pathname}${local.search.slice(0, -3)}abc`);
    expect(tampered.status).toBe(401);
    const other = await approvedPayment(token);
    const swapped = await fetch(`${stack.gatewayUrl}/receipts/${other.id}${local.search}`);
    expect(swapped.status).toBe(401);
    expect((await fetch(`${stack.gatewayUrl}${local.pathname}`)).status).toBe(401);
  });

  it('has no receiptUrl for a declined payment', async () => {
    const token = await stack.login('demo-admin');
    const order = (await stack.graphql('mutation { preparePayment(planCode: "SOHO") { orderId amountKrw } }', {}, { token })).data.preparePayment;
    await stack.graphql(
      'mutation ($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { id } }',
      { input: { orderId: order.orderId, paymentKey: 'test_decline_receipt', amountKrw: order.amountKrw } },
      { token },
    );
    const listed = await stack.graphql('{ payments(first: 50) { edges { node { orderId status receiptUrl } } } }', {}, { token });
    expect(nodes(listed.data.payments).find((p: { orderId: string }) => p.orderId === order.orderId)).toEqual({
      orderId: order.orderId,
      status: 'DECLINED',
      receiptUrl: null,
    });
  });
});
