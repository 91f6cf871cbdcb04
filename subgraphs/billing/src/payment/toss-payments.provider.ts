import { PaymentProviderUnavailable, type ConfirmRequest, type ConfirmResult, type PaymentProvider } from './payment.provider.ts';

export interface TossPaymentsOptions {
  /** e.g. https://api.tosspayments.com (no trailing path). */
  baseUrl: string;
  secretKey: string;
  /** How long to wait for Toss before treating the outcome as unknown. */
  timeoutMs: number;
}

/** Card issuer codes Toss returns in `card.issuerCode`, as a person reads them on a receipt. */
const ISSUERS: Record<string, string> = {
  '3K': '기업BC',
  '46': '광주은행',
  '71': '롯데카드',
  '30': 'KDB산업은행',
  '31': 'BC카드',
  '51': '삼성카드',
  '38': '새마을금고',
  '41': '신한카드',
  '62': '신협',
  '36': '씨티카드',
  '33': '우리카드',
  W1: '우리카드',
  '37': '우체국예금보험',
  '39': '저축은행중앙회',
  '35': '전북은행',
  '42': '제주은행',
  '15': '카카오뱅크',
  '3A': '케이뱅크',
  '24': '토스뱅크',
  '21': '하나카드',
  '61': '현대카드',
  '11': 'KB국민카드',
  '91': 'NH농협카드',
  '34': 'Sh수협은행',
};

interface TossPayment {
  status?: string;
  approvedAt?: string;
  card?: { issuerCode?: string; number?: string; approveNo?: string } | null;
}

/**
 * Toss Payments' confirm API (결제 승인): `POST {baseUrl}/v1/payments/confirm` with
 * `{ paymentKey, orderId, amount }`, Basic auth with the secret key and an empty password, and an
 * `Idempotency-Key` header. 2xx with status DONE → approved; 4xx with `{ code, message }` → declined;
 * no answer in time, a network failure or a 5xx → PaymentProviderUnavailable (outcome unknown).
 */
export class TossPaymentsProvider implements PaymentProvider {
  constructor(private readonly options: TossPaymentsOptions) {}

  async confirm(request: ConfirmRequest): Promise<ConfirmResult> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}/v1/payments/confirm`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${this.options.secretKey}:`).toString('base64')}`,
          'content-type': 'application/json',
          'idempotency-key': request.idempotencyKey,
        },
        body: JSON.stringify({ paymentKey: request.paymentKey, orderId: request.orderId, amount: request.amount }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new PaymentProviderUnavailable(`Toss Payments did not answer: ${(error as Error).message}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.status >= 400 && response.status < 500) {
      const refusal = (body ?? {}) as { code?: unknown; message?: unknown };
      return {
        status: 'DECLINED',
        code: typeof refusal.code === 'string' ? refusal.code : `HTTP_${response.status}`,
        message: typeof refusal.message === 'string' ? refusal.message : 'The payment gateway refused the payment.',
      };
    }
    const payment = (body ?? {}) as TossPayment;
    if (!response.ok || payment.status !== 'DONE' || !payment.approvedAt) {
      throw new PaymentProviderUnavailable(`Toss Payments answered HTTP ${response.status} with status ${String(payment.status)}`);
    }
    const issuer = payment.card?.issuerCode ?? '';
    return {
      status: 'APPROVED',
      approvedAt: new Date(payment.approvedAt),
      cardCompany: ISSUERS[issuer] ?? (issuer || '카드'),
      // Toss masks the number (e.g. 43301234****123*); the last four characters are what it shows.
      cardLast4: (payment.card?.number ?? '').slice(-4),
      approvalNumber: payment.card?.approveNo ?? '',
    };
  }
}
