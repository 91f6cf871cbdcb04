import { allow, companyOf, isAuthenticated, isOperator, isOperatorRule, rule, unauthenticated, type PermissionRules } from '@econtract/server-kit';
import type { Account } from './account/account.entity.ts';
import type { IdentityContext } from './context.ts';

/** Accounts a login (or signup) just returned: their caller is still anonymous but may see them. */
export const justAuthenticated = new WeakSet<Account>();

/** An account is visible to itself, its own company and the operator. */
const canSeeAccount = rule({ cache: 'strict' })((account: Account, _args, ctx: IdentityContext) => {
  if (justAuthenticated.has(account)) return true;
  if (!ctx.viewer) return unauthenticated();
  return account.id === ctx.viewer.userId || isOperator(ctx.viewer) || (account.companyId !== null && account.companyId === companyOf(ctx.viewer));
});

export const identityPermissions: PermissionRules = {
  Query: {
    viewer: allow,
    loginIdAvailable: allow,
    businessNumberCheck: allow,
    lockedAccounts: isOperatorRule,
    loginAttempts: isOperatorRule,
  },
  Mutation: {
    login: allow,
    refreshSession: allow,
    signUpIndividual: allow,
    signUpCorporate: allow,
    verifyEmail: allow,
    resendVerificationEmail: allow,
    findLoginId: allow,
    requestPasswordReset: allow,
    resetPassword: allow,
    logout: isAuthenticated,
    confirmPassword: isAuthenticated,
    startPhoneVerification: isAuthenticated,
    confirmPhoneVerification: isAuthenticated,
    updateProfile: isAuthenticated,
    unlockAccount: isOperatorRule,
  },
  User: canSeeAccount,
  LoginResult: allow,
  SessionTokensResult: allow,
  SignUpResult: allow,
  BusinessNumberCheck: allow,
  StepUpResult: allow,
  PhoneVerificationStarted: allow,
  LockedAccount: isOperatorRule,
  LoginAttempt: isOperatorRule,
};
