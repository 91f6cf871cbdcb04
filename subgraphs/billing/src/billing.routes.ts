import { internalRouter, type ServedBy } from '@econtract/server-kit';
import { grantRoutes } from './lot/grant.routes.ts';
import { receiptRoutes } from './receipt/receipt.routes.ts';
import { usageRoutes } from './usage/usage.routes.ts';

/** Billing's internal routes (`/internal/<router>.<procedure>`); callers import the type only. */
export const billingRoutes = internalRouter({
  grant: grantRoutes,
  usage: usageRoutes,
  receipt: receiptRoutes,
});
export type BillingRoutes = ServedBy<'billing', typeof billingRoutes>;
