import { signAccessToken, unauthenticated, AppError, ErrorCode } from '@econtract/server-kit';
import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Account } from './account.entity.ts';
import type { IdentityContext } from './account.loaders.ts';
import { justAuthenticated } from './account.rules.ts';
import { verifyPassword } from './password.ts';

@ObjectType()
export class LoginResult {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>` to the gateway.' })
  accessToken!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Account)
  user!: Account;
}

const LOGIN_REFUSED = 'The login ID or password is incorrect.';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  async viewer(@Ctx() ctx: IdentityContext): Promise<Account | null> {
    if (!ctx.viewer) return null;
    return ctx.loaders.accountById.load(ctx.viewer.userId);
  }

  @Mutation(() => LoginResult, { description: 'R-LOGIN-1: sign in with login ID and password.' })
  async login(@Arg('loginId', () => String) loginId: string, @Arg('password', () => String) password: string, @Ctx() ctx: IdentityContext): Promise<LoginResult> {
    const account = loginId.length <= 64 ? await ctx.em.findOne(Account, { loginKey: loginId.toLowerCase() }, { populate: ['passwordHash'] }) : null;
    // Unknown ID and wrong password look the same, in words and in time.
    if (!(await verifyPassword(account?.passwordHash, password.slice(0, 1024))) || !account) throw unauthenticated(LOGIN_REFUSED);
    if (!account.emailVerifiedAt) throw new AppError(ErrorCode.EMAIL_NOT_VERIFIED, 'Verify your email address first: follow the link in the verification email we sent you.');
    const { token, expiresAt } = await signAccessToken(ctx.env.ACCESS_TOKEN_SECRET, { userId: account.id, sessionId: null }, ctx.env.ACCESS_TOKEN_TTL_SECONDS);
    justAuthenticated.add(account);
    ctx.log.info({ userId: account.id }, 'login succeeded');
    return { accessToken: token, expiresAt, user: account };
  }
}
