import { randomInt } from 'node:crypto';

export interface ConfirmRequest {
  paymentKey: string;
  orderId: string;
  /** KRW, VAT included; already checked against the stored order. */
  amount: number;
  /** Sent so a retried confirm is answered, not charged, a second time (we use the order id). */
  idempotencyKey: string;
}

export type ConfirmResult =
  | { status: 'APPROVED'; approvedAt: Date; cardCompany: string; cardLast4: string; approvalNumber: string }
  | { status: 'DECLINED'; code: string; message: string };

/** A card payment gateway's "confirm" step: the client paid in the PG's widget, we approve it server-side. */
export interface PaymentProvider {
  /** Throws PaymentProviderUnavailable when the outcome is unknown (timeout, network, 5xx): retry with the same key. */
  confirm(request: ConfirmRequest): Promise<ConfirmResult>;
}

/** The provider did not give an answer; the payment may or may not be approved, so the client retries. */
export class PaymentProviderUnavailable extends Error {
  override name = 'PaymentProviderUnavailable';
}

/**
 * The default provider for development and tests; no money moves. The payment key decides:
 * `test_approve_…` approves (신한카드, last four 4242), `test_decline_…` declines as the card company
 * would, `test_timeout_…` fails like a provider timeout. Any other key is declined as unknown.
 */
export class LocalTestPaymentProvider implements PaymentProvider {
  async confirm(request: ConfirmRequest): Promise<ConfirmResult> {
    if (request.paymentKey.startsWith('test_approve_')) {
      return {
        status: 'APPROVED',
        approvedAt: new Date(),
        cardCompany: '신한카드',
        cardLast4: '4242',
        approvalNumber: String(randomInt(10_000_000, 100_000_000)),
      };
    }
    if (request.paymentKey.startsWith('test_decline_')) {
      return {
        status: 'DECLINED',
        code: 'REJECT_CARD_COMPANY',
        message: '카드사에서 승인을 거절했습니다. 다른 카드로 결제해 주세요. (The card company declined the payment; try another card.)',
      };
    }
    if (request.paymentKey.startsWith('test_timeout_')) throw new PaymentProviderUnavailable('local test provider: simulated timeout');
    return {
      status: 'DECLINED',
      code: 'NOT_FOUND_PAYMENT',
      message: 'No payment with this payment key exists. (Test keys start with test_approve_, test_decline_ or test_timeout_.)',
    };
  }
}
