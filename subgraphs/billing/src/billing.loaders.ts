import type DataLoader from 'dataloader';
import { groupLoader, rowLoader, type EntityManager, type SubgraphContext } from '@econtract/server-kit';
import { PrepaidLot } from './lot/prepaid-lot.entity.ts';
import { Plan } from './plan/plan.entity.ts';
import { toUsage, type Usage, type UsageRow } from './usage/usage.type.ts';

/**
 * One page of usages for many lots in one statement: the first `first` usages of each lot (oldest
 * first), after the usage `after` when given.
 */
const usagePageLoader = (em: EntityManager, first: number, after: string | null) =>
  groupLoader(
    async (lotIds: string[]) =>
      (
        await em.execute<UsageRow[]>(
          `select "id", "lot_id", "contract_id", "management_number", "consumed_at" from (
             select u.*, row_number() over (partition by u."lot_id" order by u."consumed_at", u."id") as "position"
             from "billing"."usage" u
             where u."lot_id" = any(?::uuid[])
               and (?::uuid is null or (u."consumed_at", u."id") > (select a."consumed_at", a."id" from "billing"."usage" a where a."id" = ?::uuid))
           ) page
           where page."position" <= ?
           order by "lot_id", "consumed_at", "id"`,
          [`{${lotIds.join(',')}}`, after, after, first],
        )
      ).map(toUsage),
    (usage: Usage) => usage.lotId,
  );

export const createBillingLoaders = (em: EntityManager) => {
  const usagePages = new Map<string, DataLoader<string, Usage[]>>();
  return {
    planByCode: rowLoader((codes: string[]) => em.find(Plan, { code: { $in: codes } }), (plan) => plan.code),
    /** Every lot of a company, oldest purchase first (the order units are deducted in). */
    lotsByCompany: groupLoader(
      (companyIds: string[]) => em.find(PrepaidLot, { companyId: { $in: companyIds } }, { orderBy: { purchasedAt: 'asc', id: 'asc' } }),
      (lot) => lot.companyId,
    ),
    /** The company each usage belongs to, for checking an `after` cursor. */
    companyOfUsage: rowLoader(
      (usageIds: string[]) =>
        em.execute<Array<{ id: string; company_id: string }>>(
          `select u."id", l."company_id" from "billing"."usage" u join "billing"."prepaid_lot" l on l."id" = u."lot_id" where u."id" = any(?::uuid[])`,
          [`{${usageIds.join(',')}}`],
        ),
      (row) => row.id,
    ),
    /** Usages per lot for one (first, after) page; each distinct page shape gets its own batch. */
    usagesOfLot(first: number, after: string | null): DataLoader<string, Usage[]> {
      const key = `${first}:${after ?? ''}`;
      let loader = usagePages.get(key);
      if (!loader) usagePages.set(key, (loader = usagePageLoader(em, first, after)));
      return loader;
    },
  };
};
export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
export type BillingContext = SubgraphContext<BillingLoaders>;
