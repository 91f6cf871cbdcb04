import { isAuthenticated, type PermissionRules } from '@econtract/server-kit';

export const organizationPermissions: PermissionRules = {
  User: { id: isAuthenticated, company: isAuthenticated },
  Company: isAuthenticated,
};
