import { DemoIds, Grade, type EntityManager } from '@econtract/server-kit';
import { Company, CompanyKind } from './company/company.entity.ts';
import { StaffProfile } from './staff/staff-profile.entity.ts';

/** The demo company and personal workspace (README); inserted once, left alone afterwards. */
export async function seedDemoOrganization(em: EntityManager): Promise<void> {
  if (await em.findOne(Company, { id: DemoIds.company })) return;
  const company = em.create(Company, { id: DemoIds.company, kind: CompanyKind.CORPORATE, name: '데모전자(주)', businessNumber: '1234567891', representative: '김대표' } as Company);
  const workspace = em.create(Company, { id: DemoIds.personalWorkspace, kind: CompanyKind.PERSONAL, name: '최개인' } as Company);
  const profile = (userId: string, companyRef: Company, grade: Grade, extra: Partial<StaffProfile> = {}) =>
    em.create(StaffProfile, { userId, company: companyRef, grade, ...extra } as StaffProfile);
  profile(DemoIds.totalAdmin, company, Grade.TOTAL_ADMIN, { approvalAuthority: true, canWrite: true, canEdit: true, canDelete: true, canSign: true, canDiscard: true });
  profile(DemoIds.departmentManager, company, Grade.DEPARTMENT_MANAGER, { approvalAuthority: true });
  profile(DemoIds.staff, company, Grade.STAFF);
  profile(DemoIds.individual, workspace, Grade.INDIVIDUAL);
  await em.flush();
}
