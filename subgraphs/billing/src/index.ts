import { InternalRoutes, type SubgraphDefinition } from '@econtract/server-kit';
import { createBillingLoaders, type BillingLoaders } from './billing.loaders.ts';
import { billingPermissions } from './billing.rules.ts';
import { grantCancel, grantEvent } from './lot/lot.grants.ts';
import { PrepaidLot } from './lot/prepaid-lot.entity.ts';
import { migrations } from './migrations/index.ts';
import { Plan } from './plan/plan.entity.ts';
import { PlanResolver } from './plan/plan.resolver.ts';
import { seedPlanCatalogue } from './plan/plan.seed.ts';

/** Plans, card payments, prepaid lots and the usage ledger. */
export const billing: SubgraphDefinition<BillingLoaders> = {
  name: 'billing',
  entities: [Plan, PrepaidLot],
  migrations,
  resolvers: [PlanResolver],
  permissions: billingPermissions,
  createLoaders: createBillingLoaders,
  internalRoutes: {
    [InternalRoutes.grantEvent]: grantEvent,
    [InternalRoutes.grantCancel]: grantCancel,
  },
  seedReference: seedPlanCatalogue,
};
