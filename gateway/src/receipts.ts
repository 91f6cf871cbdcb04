import {
  AppError,
  callInternal,
  internalKeysFor,
  InternalRoutes,
  RECEIPT_LINK_PURPOSE,
  receiptRenderResponse,
  requestIdOf,
  verifyLinkToken,
  type Logger,
} from '@econtract/server-kit';
import type { Express } from 'express';
import type { GatewayEnv } from './env.ts';
import type { SubgraphUrls } from './subgraphs.ts';

/**
 * R-BILL-6: `Payment.receiptUrl` points here. The signed token names the payment and its company,
 * so a browser can open or print the PDF without a sign-in header, and no other payment.
 */
export function mountReceipts(app: Express, env: GatewayEnv, urls: SubgraphUrls, log: Logger): void {
  app.get('/receipts/:paymentId', async (req, res) => {
    res.setHeader('cache-control', 'private, no-store');
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const claims = await verifyLinkToken(env.INTERNAL_TOKEN_SECRET, RECEIPT_LINK_PURPOSE, req.params.paymentId, token);
    if (!claims || typeof claims.cid !== 'string') {
      res.status(401).type('text/plain').send('This receipt link is invalid or has expired. Open the payment history again for a new link.');
      return;
    }
    try {
      const receipt = receiptRenderResponse.parse(
        await callInternal(urls.billing, InternalRoutes.receiptRender, { paymentId: req.params.paymentId, companyId: claims.cid }, { keys: internalKeysFor(env, 'gateway'), requestId: requestIdOf(res) }),
      );
      res.type('application/pdf').setHeader('content-disposition', `inline; filename="${receipt.fileName.replace(/[^\w.-]/g, '_')}"`);
      res.send(Buffer.from(receipt.contentBase64, 'base64'));
    } catch (error) {
      if (error instanceof AppError) return void res.status(404).type('text/plain').send(error.message);
      log.error({ err: error, requestId: requestIdOf(res) }, 'receipt failed');
      res.status(500).type('text/plain').send('The receipt could not be made right now. Try again in a moment.');
    }
  });
}
