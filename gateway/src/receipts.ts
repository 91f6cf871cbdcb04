import type { BillingRoutes } from '@econtract/billing/routes';
import {
  AppError,
  ErrorCode,
  INTERNAL_ERROR_MESSAGE,
  msg,
  RECEIPT_LINK_PURPOSE,
  requestIdOf,
  sendError,
  verifyLinkToken,
  type Logger,
  type ServiceClient,
} from '@econtract/server-kit';
import type { Express } from 'express';

/**
 * R-BILL-6: `Payment.receiptUrl` points here. The signed token names the payment and its company,
 * so a browser can open or print the PDF without a sign-in header, and no other payment.
 */
export function mountReceipts(app: Express, servicesFor: (requestId: string) => ServiceClient, secret: string, log: Logger): void {
  app.get('/receipts/:paymentId', async (req, res) => {
    res.setHeader('cache-control', 'private, no-store');
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const claims = await verifyLinkToken(secret, RECEIPT_LINK_PURPOSE, req.params.paymentId, token);
    if (!claims || typeof claims.cid !== 'string') {
      const message = msg(
        'This receipt link is invalid or has expired. Open the payment history again for a new link.',
        '영수증 링크가 올바르지 않거나 만료되었습니다. 결제이력에서 영수증을 다시 열어 주세요.',
      );
      return void sendError(req, res, 401, ErrorCode.UNAUTHENTICATED, message);
    }
    try {
      const billing = servicesFor(requestIdOf(res)).to<BillingRoutes>('billing');
      const receipt = await billing.receipt.render.query({ paymentId: req.params.paymentId, companyId: claims.cid });
      res.type('application/pdf').setHeader('content-disposition', `inline; filename="${receipt.fileName.replace(/[^\w.-]/g, '_')}"`);
      res.send(Buffer.from(receipt.contentBase64, 'base64'));
    } catch (error) {
      if (error instanceof AppError) return void sendError(req, res, 404, ErrorCode.NOT_FOUND, error.localized);
      log.error({ err: error, requestId: requestIdOf(res) }, 'receipt failed');
      sendError(req, res, 500, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE);
    }
  });
}
