import { rowLoader, type EntityManager, type SubgraphContext } from '@econtract/server-kit';
import { Company } from './company/company.entity.ts';
import { StaffProfile } from './staff/staff-profile.entity.ts';

export const createOrganizationLoaders = (em: EntityManager) => ({
  companyById: rowLoader((ids: string[]) => em.find(Company, { id: { $in: ids } }), (company) => company.id),
  staffProfileByUserId: rowLoader((ids: string[]) => em.find(StaffProfile, { userId: { $in: ids } }), (profile) => profile.userId),
});
export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;
export type OrganizationContext = SubgraphContext<OrganizationLoaders>;
