import { allow, companyOf, isOperator, rule, unauthenticated, type PermissionRules } from '@econtract/server-kit';
import type { Account } from './account.entity.ts';
import type { IdentityContext } from './account.loaders.ts';

/** Accounts a login (or signup) just returned: their caller is still anonymous but may see them. */
export const justAuthenticated = new WeakSet<Account>();

/** An account is visible to itself, its own company and the operator. */
const canSeeAccount = rule({ cache: 'strict' })((account: Account, _args, ctx: IdentityContext) => {
  if (justAuthenticated.has(account)) return true;
  if (!ctx.viewer) return unauthenticated();
  return account.id === ctx.viewer.userId || isOperator(ctx.viewer) || (account.companyId !== null && account.companyId === companyOf(ctx.viewer));
});

export const identityPermissions: PermissionRules = {
  Query: { viewer: allow },
  Mutation: { login: allow },
  User: canSeeAccount,
  LoginResult: allow,
};
