import type { SubgraphDefinition } from '@econtract/server-kit';
import { AuditResolver } from './audit/audit.resolver.ts';
import { Company } from './company/company.entity.ts';
import { resolveCompanyReference } from './company/company.reference.ts';
import { CompanyResolver } from './company/company.resolver.ts';
import { Department } from './department/department.entity.ts';
import { resolveDepartmentReference } from './department/department.reference.ts';
import { DepartmentResolver } from './department/department.resolver.ts';
import { migrations } from './migrations/index.ts';
import { createOrganizationLoaders, type OrganizationLoaders } from './context.ts';
import { organizationRoutes } from './organization.routes.ts';
import { organizationPermissions } from './rules.ts';
import { seedDemoOrganization } from './seed.ts';
import { Rank } from './rank/rank.entity.ts';
import { RankResolver } from './rank/rank.resolver.ts';
import { StaffProfile } from './staff/staff-profile.entity.ts';
import { StaffResolver } from './staff/staff.resolver.ts';
import { UserResolver } from './staff/user.resolver.ts';
import { User } from './staff/user.type.ts';

/** Companies and their people: settings, departments, ranks, staff, permissions. */
export const organization: SubgraphDefinition<OrganizationLoaders> = {
  name: 'organization',
  entities: [Company, StaffProfile, Department, Rank],
  migrations,
  resolvers: [UserResolver, CompanyResolver, DepartmentResolver, RankResolver, StaffResolver, AuditResolver],
  orphanedTypes: [Company, User],
  references: { Company: resolveCompanyReference, Department: resolveDepartmentReference },
  permissions: organizationPermissions,
  createLoaders: createOrganizationLoaders,
  routes: organizationRoutes,
  seedDemo: seedDemoOrganization,
};
