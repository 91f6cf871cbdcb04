import { rowLoader, type EntityManager, type SubgraphContext } from '@econtract/server-kit';
import { Account } from './account/account.entity.ts';

export const createIdentityLoaders = (em: EntityManager) => ({
  accountById: rowLoader(
    (ids: string[]) => em.find(Account, { id: { $in: ids } }),
    (account) => account.id,
  ),
});
export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
export type IdentityContext = SubgraphContext<IdentityLoaders>;
