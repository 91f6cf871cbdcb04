import type { SubgraphDefinition } from '@econtract/server-kit';
import { Account } from './account/account.entity.ts';
import { createIdentityLoaders, type IdentityLoaders } from './account/account.loaders.ts';
import { resolveAccountReference } from './account/account.reference.ts';
import { AccountResolver } from './account/account.resolver.ts';
import { identityPermissions } from './account/account.rules.ts';
import { seedDemoAccounts } from './account/account.seed.ts';
import { accountStanding } from './account/account.standing.ts';
import { migrations } from './migrations/index.ts';

/** Accounts and credentials: signup, verification, login, sessions, recovery. */
export const identity: SubgraphDefinition<IdentityLoaders> = {
  name: 'identity',
  entities: [Account],
  migrations,
  resolvers: [AccountResolver],
  references: { User: resolveAccountReference as never },
  permissions: identityPermissions,
  createLoaders: createIdentityLoaders,
  internalRoutes: { standing: accountStanding as never },
  seedDemo: seedDemoAccounts,
};
