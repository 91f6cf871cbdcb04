import { Grade, isUuid, permissionsOf, type MemberStanding } from '@econtract/server-kit';
import { Department } from '../department/department.entity.ts';
import type { OrganizationContext } from '../context.ts';

/**
 * Internal route for the gateway: the member's company, grade, department scope and permissions.
 * departmentScope (R-STAFF-4): a department manager's department and its sub-departments; staff's own
 * department; [] for the total admin (who sees the whole company by grade) and for anyone without a department.
 */
export async function memberStanding(body: { userId?: unknown }, ctx: OrganizationContext): Promise<MemberStanding | null> {
  if (!isUuid(body.userId)) return null;
  const profile = await ctx.loaders.staffProfileByUserId.load(body.userId);
  if (!profile) return null;
  const companyId = profile.company.id;
  let departmentScope: string[] = [];
  if (profile.departmentId && (profile.grade === Grade.DEPARTMENT_MANAGER || profile.grade === Grade.STAFF)) {
    departmentScope = [profile.departmentId];
    if (profile.grade === Grade.DEPARTMENT_MANAGER) {
      // Not the loaders: they are scoped to the viewer's company, and the gateway asks with no viewer yet.
      const children = await ctx.em.find(Department, { companyId, parentId: profile.departmentId }, { fields: ['id'], orderBy: { name: 'asc' } });
      departmentScope.push(...children.map((child) => child.id));
    }
  }
  return {
    companyId,
    grade: profile.grade,
    active: profile.active,
    departmentId: profile.departmentId,
    departmentScope,
    permissions: permissionsOf(profile.permissions),
  };
}
