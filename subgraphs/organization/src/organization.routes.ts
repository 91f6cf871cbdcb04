import { internalRouter, type ServedBy } from '@econtract/server-kit';
import { companyRoutes } from './company/company.routes.ts';
import { signupRoutes } from './company/signup.routes.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { standingRoutes } from './staff/standing.routes.ts';

/** Organization's internal routes (`/internal/<router>.<procedure>`); callers import the type only. */
export const organizationRoutes = internalRouter({
  standing: standingRoutes,
  signup: signupRoutes,
  company: companyRoutes,
  staff: staffRoutes,
});
export type OrganizationRoutes = ServedBy<'organization', typeof organizationRoutes>;
export type { SignupCompanyRequest } from './company/signup.routes.ts';
