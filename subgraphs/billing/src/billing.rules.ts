import { allow, type PermissionRules } from '@econtract/server-kit';

export const billingPermissions: PermissionRules = {
  // The catalogue is public: people compare plans before signing up.
  Query: { plans: allow },
  Plan: allow,
};
