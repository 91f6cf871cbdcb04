import type { EntityManager } from '@econtract/server-kit';
import { planCatalogue } from './plan/plan.catalogue.ts';
import { Plan } from './plan/plan.entity.ts';

/** The catalogue is reference data: upserted at every start, so a changed price applies on restart. */
export async function seedPlanCatalogue(em: EntityManager): Promise<void> {
  const entries = planCatalogue().map((entry, index) => ({ ...entry, sortOrder: index }));
  await em.upsertMany(Plan, entries);
}
