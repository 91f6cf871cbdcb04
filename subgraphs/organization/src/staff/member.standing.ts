import { Grade, type MemberStanding } from '@econtract/server-kit';
import type { OrganizationContext } from '../organization.loaders.ts';

/** Internal route for the gateway: the member's company, grade, department scope and permissions. */
export async function memberStanding(body: { userId?: unknown }, ctx: OrganizationContext): Promise<MemberStanding | null> {
  if (typeof body.userId !== 'string') return null;
  const profile = await ctx.loaders.staffProfileByUserId.load(body.userId);
  if (!profile) return null;
  return {
    companyId: profile.company.id,
    grade: profile.grade,
    active: profile.active,
    departmentId: profile.departmentId,
    // Sub-departments join a manager's scope with the department tree (organization issue).
    departmentScope: profile.departmentId && profile.grade !== Grade.TOTAL_ADMIN ? [profile.departmentId] : [],
    permissions: { write: profile.canWrite, edit: profile.canEdit, delete: profile.canDelete, sign: profile.canSign, discard: profile.canDiscard },
  };
}
