import { and, companyOf, forbidden, Grade, isAuthenticated, isCompanyMember, msg, rule, unauthenticated, type PermissionRules } from '@econtract/server-kit';
import type { Company } from './company/company.entity.ts';
import type { OrganizationContext } from './context.ts';

const PERSONAL_WORKSPACE = msg(
  'A personal workspace has no company settings, departments, ranks or staff; these belong to corporate members.',
  '개인회원은 회사정보, 부서, 직급, 업무담당자 기능을 사용할 수 없습니다. 기업회원만 사용할 수 있는 기능입니다.',
);

/** The total admin of a corporate member; an individual is told that a personal workspace has no such features. */
export const isCompanyAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: OrganizationContext) => {
  if (!ctx.viewer) return unauthenticated();
  const grade = ctx.viewer.member?.active ? ctx.viewer.member.grade : null;
  if (grade === Grade.TOTAL_ADMIN) return true;
  if (grade === Grade.INDIVIDUAL) return forbidden(PERSONAL_WORKSPACE);
  return forbidden(msg('Only the total admin can do this.', '총괄관리자만 할 수 있는 작업입니다.'));
});

/**
 * R-STAFF-4: who may list staff (read-only): the total admin the whole company, a department manager
 * their department and its sub-departments, staff their own department; the resolver filters by scope.
 */
export const canListStaff = rule({ cache: 'contextual' })((_parent, _args, ctx: OrganizationContext) => {
  if (!ctx.viewer) return unauthenticated();
  const grade = ctx.viewer.member?.active ? ctx.viewer.member.grade : null;
  if (grade === Grade.TOTAL_ADMIN || grade === Grade.DEPARTMENT_MANAGER || grade === Grade.STAFF) return true;
  if (grade === Grade.INDIVIDUAL) return forbidden(PERSONAL_WORKSPACE);
  return forbidden(msg('Only members of a company can list its staff.', '회사 구성원만 업무담당자 목록을 볼 수 있습니다.'));
});

/** Company fields beyond its name are for the company's own members. */
const isOwnCompany = rule({ cache: 'strict' })((company: Company, _args, ctx: OrganizationContext) => {
  if (!ctx.viewer) return unauthenticated();
  return company.id === companyOf(ctx.viewer) && ctx.viewer.member?.active
    ? true
    : forbidden(msg("Only the company's own members can see this.", '해당 회사의 구성원만 볼 수 있습니다.'));
});

export const organizationPermissions: PermissionRules = {
  Query: {
    company: isCompanyMember,
    departments: isCompanyMember,
    ranks: isCompanyMember,
    approvers: isCompanyMember,
    staffMembers: canListStaff,
    auditLog: isCompanyAdmin,
  },
  Mutation: {
    updateCompanySettings: isCompanyAdmin,
    generateReferralCode: isCompanyAdmin,
    createDepartment: isCompanyAdmin,
    updateDepartment: isCompanyAdmin,
    deleteDepartment: isCompanyAdmin,
    saveRanks: isCompanyAdmin,
    registerStaff: isCompanyAdmin,
    updateStaff: isCompanyAdmin,
    setStaffActive: isCompanyAdmin,
    setStaffPassword: isCompanyAdmin,
    setStaffPermissions: isCompanyAdmin,
  },
  // User fields resolve to null outside the viewer's company (checked in the resolvers, which see the profile).
  User: {
    id: isAuthenticated,
    company: isAuthenticated,
    department: isAuthenticated,
    rank: isAuthenticated,
    grade: isAuthenticated,
    approvalAuthority: isAuthenticated,
    active: isAuthenticated,
    permissions: isAuthenticated,
  },
  Company: {
    '*': isAuthenticated,
    settings: isOwnCompany,
    departments: isOwnCompany,
    ranks: isOwnCompany,
    referralCode: and(isOwnCompany, isCompanyAdmin),
  },
  CompanySettings: isCompanyMember,
  Department: isCompanyMember,
  Rank: isCompanyMember,
  StaffPermissions: isAuthenticated,
  StaffConnection: canListStaff,
  StaffEdge: canListStaff,
  PageInfo: isCompanyMember,
  AuditEntry: isCompanyAdmin,
  AuditEntryEdge: isCompanyAdmin,
  AuditEntryConnection: isCompanyAdmin,
};
