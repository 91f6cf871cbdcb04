import { DemoIds } from '@econtract/demo';
import { ALL_PERMISSIONS, Grade, type EntityManager } from '@econtract/server-kit';
import { Company, CompanyKind } from './company/company.entity.ts';
import { Department } from './department/department.entity.ts';
import { Rank } from './rank/rank.entity.ts';
import { staffPermissions } from './staff/staff-permissions.ts';
import { StaffProfile } from './staff/staff-profile.entity.ts';

/** The demo company's departments (two top-level, one with a sub-department) and ranks. */
export const DemoOrganization = {
  sales: '00000000-0000-4000-8000-00000000d001',
  salesTeam1: '00000000-0000-4000-8000-00000000d002',
  management: '00000000-0000-4000-8000-00000000d003',
  ranks: [
    { id: '00000000-0000-4000-8000-00000000e001', name: '사원' },
    { id: '00000000-0000-4000-8000-00000000e002', name: '대리' },
    { id: '00000000-0000-4000-8000-00000000e003', name: '과장' },
    { id: '00000000-0000-4000-8000-00000000e004', name: '부장' },
  ],
} as const;

/** The demo company and personal workspace (README); inserted once, left alone afterwards. */
export async function seedDemoOrganization(em: EntityManager): Promise<void> {
  if (!(await em.findOne(Company, { id: DemoIds.company }))) {
    const company = em.create(Company, {
      id: DemoIds.company,
      kind: CompanyKind.CORPORATE,
      name: '데모전자(주)',
      businessNumber: '1234567891',
      representative: '김대표',
    } as Company);
    const workspace = em.create(Company, { id: DemoIds.personalWorkspace, kind: CompanyKind.PERSONAL, name: '최개인' } as Company);
    const profile = (userId: string, companyRef: Company, grade: Grade, extra: Partial<StaffProfile> = {}) =>
      em.create(StaffProfile, { userId, company: companyRef, grade, ...extra } as StaffProfile);
    profile(DemoIds.totalAdmin, company, Grade.TOTAL_ADMIN, { approvalAuthority: true, permissions: staffPermissions(ALL_PERMISSIONS) });
    profile(DemoIds.departmentManager, company, Grade.DEPARTMENT_MANAGER, { approvalAuthority: true });
    profile(DemoIds.staff, company, Grade.STAFF);
    profile(DemoIds.individual, workspace, Grade.INDIVIDUAL);
    await em.flush();
  }
  await seedDemoDepartments(em);
  await seedPartnerCompany(em);
}

/** A second corporate member (issue #10's demo documents: it sends the demo company a contract); added once. */
async function seedPartnerCompany(em: EntityManager): Promise<void> {
  if (await em.findOne(Company, { id: DemoIds.partnerCompany })) return;
  const company = em.create(Company, {
    id: DemoIds.partnerCompany,
    kind: CompanyKind.CORPORATE,
    name: '파트너상사(주)',
    businessNumber: '3148600771',
    representative: '정대표',
  } as Company);
  em.create(StaffProfile, {
    userId: DemoIds.partnerAdmin,
    company,
    grade: Grade.TOTAL_ADMIN,
    approvalAuthority: true,
    permissions: staffPermissions(ALL_PERMISSIONS),
  } as StaffProfile);
  await em.flush();
}

/** Departments and ranks came with issue #4; added once to a demo company that has none yet. */
async function seedDemoDepartments(em: EntityManager): Promise<void> {
  if (await em.count(Department, { companyId: DemoIds.company })) return;
  const department = (id: string, name: string, parentId: string | null = null) =>
    em.create(Department, { id, companyId: DemoIds.company, name, parentId } as Department);
  department(DemoOrganization.sales, '영업본부');
  department(DemoOrganization.management, '경영지원팀');
  for (const [position, rank] of DemoOrganization.ranks.entries())
    em.create(Rank, { id: rank.id, companyId: DemoIds.company, name: rank.name, position } as Rank);
  await em.flush();
  department(DemoOrganization.salesTeam1, '영업1팀', DemoOrganization.sales);
  await em.flush();
  await em.nativeUpdate(
    StaffProfile,
    { userId: DemoIds.departmentManager, departmentId: null },
    { departmentId: DemoOrganization.sales, rankId: DemoOrganization.ranks[3].id },
  );
  await em.nativeUpdate(
    StaffProfile,
    { userId: DemoIds.staff, departmentId: null },
    { departmentId: DemoOrganization.salesTeam1, rankId: DemoOrganization.ranks[1].id },
  );
}
