import { InternalRoutes, type SubgraphDefinition } from '@econtract/server-kit';
import { BillingAccountResolver } from './account/billing-account.resolver.ts';
import { AuditEvent } from './audit/audit-event.entity.ts';
import { BillingRoutes } from './billing.contracts.ts';
import { createBillingLoaders, type BillingLoaders } from './context.ts';
import { billingPermissions } from './rules.ts';
import { resolveCompanyReference } from './company/company.reference.ts';
import { CompanyResolver } from './company/company.resolver.ts';
import { Company } from './company/company.type.ts';
import { FreePassResolver } from './lot/lot.free-pass.ts';
import { grantCancel, grantEvent } from './lot/lot.grants.ts';
import { LotResolver } from './lot/lot.resolver.ts';
import { PrepaidLot } from './lot/prepaid-lot.entity.ts';
import { migrations } from './migrations/index.ts';
import { Payment } from './payment/payment.entity.ts';
import { PaymentOrderResolver, PaymentResolver } from './payment/payment.resolver.ts';
import { Plan } from './plan/plan.entity.ts';
import { PlanResolver } from './plan/plan.resolver.ts';
import { seedPlanCatalogue } from './seed.ts';
import { PaymentReceiptResolver, ReceiptResolver, renderReceipt } from './receipt/receipt.resolver.ts';
import { consumeUsage } from './usage/usage.consume.ts';
import { Usage } from './usage/usage.entity.ts';

export * from './billing.contracts.ts';

/** Plans, card payments, prepaid lots and the usage ledger. */
export const billing: SubgraphDefinition<BillingLoaders> = {
  name: 'billing',
  entities: [Plan, PrepaidLot, Usage, Payment, AuditEvent],
  migrations,
  resolvers: [PlanResolver, BillingAccountResolver, LotResolver, FreePassResolver, PaymentResolver, PaymentOrderResolver, CompanyResolver, ReceiptResolver, PaymentReceiptResolver],
  orphanedTypes: [Company],
  references: { Company: resolveCompanyReference as never },
  permissions: billingPermissions,
  createLoaders: createBillingLoaders,
  internalRoutes: {
    [InternalRoutes.grantEvent]: grantEvent,
    [InternalRoutes.grantCancel]: grantCancel,
    [BillingRoutes.usageConsume]: consumeUsage,
    [InternalRoutes.receiptRender]: renderReceipt,
  },
  seedReference: seedPlanCatalogue,
};
