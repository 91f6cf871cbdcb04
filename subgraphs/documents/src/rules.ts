import { allow, isCompanyMember, type PermissionRules } from '@econtract/server-kit';

export const documentsPermissions: PermissionRules = {
  Query: { documentCategories: isCompanyMember },
  DocumentCategory: allow,
};
