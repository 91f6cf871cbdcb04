import type { SubgraphDefinition } from '@econtract/server-kit';
import { BillingAccountResolver } from './account/billing-account.resolver.ts';
import { AuditEvent } from './audit/audit-event.entity.ts';
import { createBillingLoaders, type BillingLoaders } from './context.ts';
import { billingPermissions } from './rules.ts';
import { resolveCompanyReference } from './company/company.reference.ts';
import { CompanyResolver } from './company/company.resolver.ts';
import { Company } from './company/company.type.ts';
import { FreePassResolver } from './lot/lot.free-pass.ts';
import { LotResolver } from './lot/lot.resolver.ts';
import { PrepaidLot } from './lot/prepaid-lot.entity.ts';
import { migrations } from './migrations/index.ts';
import { Payment } from './payment/payment.entity.ts';
import { PaymentOrderResolver, PaymentResolver } from './payment/payment.resolver.ts';
import { Plan } from './plan/plan.entity.ts';
import { PlanResolver } from './plan/plan.resolver.ts';
import { seedPlanCatalogue } from './seed.ts';
import { PaymentReceiptResolver, ReceiptResolver } from './receipt/receipt.resolver.ts';
import { Usage } from './usage/usage.entity.ts';
// Last, so the resolvers above register their fields in the order the composed schema lists them.
import { billingRoutes } from './billing.routes.ts';

/** Plans, card payments, prepaid lots and the usage ledger. */
export const billing: SubgraphDefinition<BillingLoaders> = {
  name: 'billing',
  entities: [Plan, PrepaidLot, Usage, Payment, AuditEvent],
  migrations,
  resolvers: [
    PlanResolver,
    BillingAccountResolver,
    LotResolver,
    FreePassResolver,
    PaymentResolver,
    PaymentOrderResolver,
    CompanyResolver,
    ReceiptResolver,
    PaymentReceiptResolver,
  ],
  orphanedTypes: [Company],
  references: { Company: resolveCompanyReference },
  permissions: billingPermissions,
  createLoaders: createBillingLoaders,
  routes: billingRoutes,
  seedReference: seedPlanCatalogue,
};
