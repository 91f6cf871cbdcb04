import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { renderReceipt } from './receipt.resolver.ts';

export const receiptRoutes = internalRouter({
  /** The gateway, at a signed receiptUrl: the PDF receipt of a company's approved payment; NOT_FOUND otherwise. */
  render: internalProcedure.input(z.object({ paymentId: z.uuid(), companyId: z.uuid() })).query(({ input, ctx }) => renderReceipt(input, ctx)),
});
