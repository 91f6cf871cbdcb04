import { badUserInput, isUuid, msg, notFound } from '@econtract/server-kit';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Account } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { IdentityRateLimits, identityLimiter } from '../security/rate-limits.ts';
import { LoginAttempt } from '../session/login-attempt.entity.ts';
import { loginThrottleKey } from '../session/login.service.ts';

@ObjectType({ description: 'A login ID locked after five failed sign-in attempts in a row, for the customer centre.' })
export class LockedAccount {
  @Field(() => Account, { description: 'The locked account.' })
  user!: Account;

  @Field(() => Date, { description: 'When it was locked.' })
  lockedAt!: Date;

  @Field(() => Int, { description: 'Failed sign-in attempts in a row.' })
  failedLoginCount!: number;
}

@Resolver()
export class OperatorResolver {
  @Query(() => [LockedAccount], { description: 'Operator only: every locked login ID, most recently locked first.' })
  async lockedAccounts(@Ctx() ctx: IdentityContext): Promise<LockedAccount[]> {
    const accounts = await ctx.em.find(Account, { lockedAt: { $ne: null } }, { orderBy: { lockedAt: 'desc', id: 'asc' }, limit: 500 });
    return accounts.map((account) => ({ user: account, lockedAt: account.lockedAt!, failedLoginCount: account.failedLoginCount }));
  }

  @Query(() => [LoginAttempt], { description: "Operator only: an account's sign-in attempts (time, IP, user agent, result), newest first." })
  loginAttempts(
    @Arg('userId', () => ID, { description: "The account's user ID." }) userId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many attempts to return, 1–200.' }) first: number,
    @Ctx() ctx: IdentityContext,
  ): Promise<LoginAttempt[]> {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badUserInput(msg('first must be between 1 and 200.', 'first는 1에서 200 사이여야 합니다.'), { field: 'first' });
    if (!isUuid(userId)) return Promise.resolve([]);
    return ctx.em.find(LoginAttempt, { accountId: userId }, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: first });
  }

  @Mutation(() => Account, { description: "Operator only: lifts a login ID's lock and clears its failure count and its sign-in throttle." })
  async unlockAccount(
    @Arg('userId', () => ID, { description: "The locked account's user ID." }) userId: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<Account> {
    const account = isUuid(userId) ? await ctx.em.findOne(Account, { id: userId }) : null;
    if (!account) throw notFound(msg('No such account.', '계정을 찾을 수 없습니다.'));
    account.lockedAt = null;
    account.failedLoginCount = 0;
    await ctx.em.flush();
    // The owner may sign in again at once, from the IP where the failures came from too.
    await identityLimiter.reset(ctx.em, IdentityRateLimits.loginFailuresPerLoginIdAndIp, loginThrottleKey(account.loginId));
    ctx.log.info({ operator: ctx.viewer?.userId, userId }, 'account unlocked');
    return account;
  }
}
