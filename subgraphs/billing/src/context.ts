import DataLoader from 'dataloader';
import { companyOf, groupLoader, rowLoader, type EntityManager, type SubgraphContext, type Viewer } from '@econtract/server-kit';
import { PrepaidLot } from './lot/prepaid-lot.entity.ts';
import { Plan } from './plan/plan.entity.ts';
import { Usage } from './usage/usage.entity.ts';

/**
 * One page of usages for many lots in one statement: up to `limit` usages of each lot in ledger
 * order, after the usage numbered `after` when given. Each page shape loads into its own fork, so
 * two shapes in one request never share a lot's (partly loaded) ledger.
 */
const usagePageLoader = (em: EntityManager, limit: number, after: number | null) =>
  new DataLoader<string, Usage[]>(async (lotIds) => {
    const fork = em.fork();
    // Merged, not referenced: populate then reads only the usages instead of loading the lots again.
    const lots = lotIds.map((id) => fork.merge(PrepaidLot, { id }));
    await fork.populate(lots, ['usageLedger'], {
      where: after === null ? {} : { usageLedger: { seq: { $gt: after } } },
      orderBy: { usageLedger: { seq: 'asc' } },
      populateHints: { usageLedger: { limit } },
    });
    return lots.map((lot) => lot.usageLedger.getItems());
  });

export const createBillingLoaders = (em: EntityManager, viewer: Viewer | null) => {
  const usagePages = new Map<string, DataLoader<string, Usage[]>>();
  const companyId = companyOf(viewer);
  return {
    /** Usages of the viewer's company by ledger number (the rows usage cursors name). */
    usageBySeq: rowLoader(
      async (seqs: number[]) => (companyId ? em.find(Usage, { seq: { $in: seqs }, companyId }) : []),
      (usage) => usage.seq,
    ),
    planByCode: rowLoader(
      (codes: string[]) => em.find(Plan, { code: { $in: codes } }),
      (plan) => plan.code,
    ),
    /** Every lot of a company, oldest purchase first (the order units are deducted in). */
    lotsByCompany: groupLoader(
      (companyIds: string[]) => em.find(PrepaidLot, { companyId: { $in: companyIds } }, { orderBy: { purchasedAt: 'asc', id: 'asc' } }),
      (lot) => lot.companyId,
    ),
    /** Up to `limit` usages per lot after the usage numbered `after`; each distinct page shape gets its own batch. */
    usagesOfLot(limit: number, after: number | null): DataLoader<string, Usage[]> {
      const key = `${limit}:${after ?? ''}`;
      const known = usagePages.get(key);
      if (known) return known;
      const loader = usagePageLoader(em, limit, after);
      usagePages.set(key, loader);
      return loader;
    },
  };
};
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
export type BillingContext = SubgraphContext<BillingLoaders>;
