import { internalRouter, type ServedBy } from '@econtract/server-kit';
import { accountRoutes } from './account/account.routes.ts';
import { standingRoutes } from './account/standing.routes.ts';
import { sessionRoutes } from './session/session.routes.ts';
import { staffAccountRoutes } from './staff/staff-account.routes.ts';

/** Identity's internal routes (`/internal/<router>.<procedure>`); callers import the type only. */
export const identityRoutes = internalRouter({
  standing: standingRoutes,
  account: accountRoutes,
  staffAccount: staffAccountRoutes,
  session: sessionRoutes,
});
export type IdentityRoutes = ServedBy<'identity', typeof identityRoutes>;
