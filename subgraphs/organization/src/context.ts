import { companyOf, groupLoader, rowLoader, type EntityManager, type SubgraphContext, type Viewer } from '@econtract/server-kit';
import { Company } from './company/company.entity.ts';
import { Department } from './department/department.entity.ts';
import { Rank } from './rank/rank.entity.ts';
import { StaffProfile } from './staff/staff-profile.entity.ts';

/** `?, ?, ?` for a raw `in (…)` list. */
export const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** Matches no company: loaders of a viewer without one (operator, anonymous) find nothing. */
const NO_COMPANY = '00000000-0000-0000-0000-000000000000';

export const createOrganizationLoaders = (em: EntityManager, viewer: Viewer | null) => {
  // Departments and ranks are read only within the viewer's company, in SQL.
  const companyId = companyOf(viewer) ?? NO_COMPANY;
  return {
    companyById: rowLoader(
      (ids: string[]) => em.find(Company, { id: { $in: ids } }),
      (company) => company.id,
    ),
    staffProfileByUserId: rowLoader(
      (ids: string[]) => em.find(StaffProfile, { userId: { $in: ids } }),
      (profile) => profile.userId,
    ),
    departmentById: rowLoader(
      (ids: string[]) => em.find(Department, { id: { $in: ids }, companyId }),
      (department) => department.id,
    ),
    departmentsByParent: groupLoader(
      (ids: string[]) => em.find(Department, { parentId: { $in: ids }, companyId }, { orderBy: { name: 'asc', id: 'asc' } }),
      (department) => department.parentId!,
    ),
    /** A company's top-level departments by name (`Company.departments`). */
    topDepartmentsByCompany: groupLoader(
      (ids: string[]) => em.find(Department, { companyId: { $in: ids }, parentId: null }, { orderBy: { name: 'asc', id: 'asc' } }),
      (department) => department.companyId,
    ),
    /** A company's ranks in its order (`Company.ranks`). */
    ranksByCompany: groupLoader(
      (ids: string[]) => em.find(Rank, { companyId: { $in: ids } }, { orderBy: { position: 'asc' } }),
      (rank) => rank.companyId,
    ),
    rankById: rowLoader(
      (ids: string[]) => em.find(Rank, { id: { $in: ids }, companyId }),
      (rank) => rank.id,
    ),
    /** Staff directly in each department. */
    staffCountByDepartment: rowLoader(
      async (ids: string[]) => {
        const rows = await em.execute<Array<{ department_id: string; count: string }>>(
          `select "department_id", count(*) as "count" from "organization"."staff_profile" where "company_id" = ? and "department_id" in (${placeholders(ids)}) group by "department_id"`,
          [companyId, ...ids],
        );
        return rows.map((row) => ({ departmentId: row.department_id, count: Number(row.count) }));
      },
      (row) => row.departmentId,
    ),
  };
};
export type OrganizationLoaders = ReturnType<typeof createOrganizationLoaders>;
export type OrganizationContext = SubgraphContext<OrganizationLoaders>;
