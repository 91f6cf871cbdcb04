import { and, companyOf, forbidden, Grade, isAuthenticated, isCompanyMember, msg, rule, unauthenticated, type PermissionRules } from '@econtract/server-kit';
import type { Company } from './company/company.entity.ts';
import type { OrganizationContext } from './organization.loaders.ts';

/** The total admin of a corporate member; an individual is told that a personal workspace has no such features. */
export const isCompanyAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: OrganizationContext) => {
  if (!ctx.viewer) return unauthenticated();
  const grade = ctx.viewer.member?.active ? ctx.viewer.member.grade : null;
  if (grade === Grade.TOTAL_ADMIN) return true;
  if (grade === Grade.INDIVIDUAL) return forbidden('A personal workspace has no company settings, departments, ranks or staff; these belong to corporate members.');
  return forbidden('Only the total admin can do this.');
});

/**
 * R-STAFF-4: who may list staff (read-only): the total admin the whole company, a department manager
 * their department and its sub-departments, staff their own department; the resolver filters by scope.
 */
export const canListStaff = rule({ cache: 'contextual' })((_parent, _args, ctx: OrganizationContext) => {
  if (!ctx.viewer) return unauthenticated();
  const grade = ctx.viewer.member?.active ? ctx.viewer.member.grade : null;
  if (grade === Grade.TOTAL_ADMIN || grade === Grade.DEPARTMENT_MANAGER || grade === Grade.STAFF) return true;
  if (grade === Grade.INDIVIDUAL) return forbidden('A personal workspace has no company settings, departments, ranks or staff; these belong to corporate members.');
  return forbidden(msg('Only members of a company can list its staff.', '회사 구성원만 직원 목록을 볼 수 있습니다.'));
});

/** Company fields beyond its name are for the company's own members. */
const isOwnCompany = rule({ cache: 'strict' })((company: Company, _args, ctx: OrganizationContext) => {
  if (!ctx.viewer) return unauthenticated();
  return company.id === companyOf(ctx.viewer) && ctx.viewer.member?.active ? true : forbidden("Only the company's own members can see this.");
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
