import { rowLoader, type EntityManager, type SubgraphContext } from '@econtract/server-kit';
import { Plan } from './plan/plan.entity.ts';

export const createBillingLoaders = (em: EntityManager) => ({
  planByCode: rowLoader((codes: string[]) => em.find(Plan, { code: { $in: codes } }), (plan) => plan.code),
});
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
export type BillingContext = SubgraphContext<BillingLoaders>;
