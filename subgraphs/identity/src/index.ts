import type { SubgraphDefinition } from '@econtract/server-kit';
import { Account } from './account/account.entity.ts';
import { createIdentityLoaders, type IdentityLoaders } from './context.ts';
import { resolveAccountReference } from './account/account.reference.ts';
import { AccountResolver } from './account/account.resolver.ts';
import { identityPermissions } from './rules.ts';
import { seedDemoAccounts } from './seed.ts';
import { migrations } from './migrations/index.ts';
import { identityRoutes } from './identity.routes.ts';
import { OperatorResolver } from './operator/operator.resolver.ts';
import { ProfileResolver } from './profile/profile.resolver.ts';
import { RecoveryResolver } from './recovery/recovery.resolver.ts';
import { LoginAttempt } from './session/login-attempt.entity.ts';
import { RefreshToken, Session } from './session/session.entity.ts';
import { SessionResolver } from './session/session.resolver.ts';
import { SignupResolver } from './signup/signup.resolver.ts';
import { grantPendingReferralRewards } from './signup/referral-reward.ts';
import { sweepAbandonedSignups } from './signup/signup.service.ts';
import { AccountChallenge, EmailVerification, OneTimeToken, PasswordReset, PhoneVerification } from './verification/one-time-token.entity.ts';
import { VerificationResolver } from './verification/verification.resolver.ts';

/** Accounts and credentials: signup, verification, login, sessions, recovery. */
export const identity: SubgraphDefinition<IdentityLoaders> = {
  name: 'identity',
  entities: [Account, Session, RefreshToken, AccountChallenge, OneTimeToken, EmailVerification, PasswordReset, PhoneVerification, LoginAttempt],
  migrations,
  resolvers: [AccountResolver, SessionResolver, SignupResolver, VerificationResolver, ProfileResolver, RecoveryResolver, OperatorResolver],
  references: { User: resolveAccountReference },
  permissions: identityPermissions,
  createLoaders: createIdentityLoaders,
  routes: identityRoutes,
  seedDemo: seedDemoAccounts,
  background({ createContext, log }) {
    const timer = setInterval(() => {
      sweepAbandonedSignups(createContext()).catch((error) => log.error({ err: error }, 'signup sweep failed'));
      grantPendingReferralRewards(createContext()).catch((error) => log.error({ err: error }, 'referral reward sweep failed'));
    }, 60_000);
    timer.unref();
    return () => clearInterval(timer);
  },
};
