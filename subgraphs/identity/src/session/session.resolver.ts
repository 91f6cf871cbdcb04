import { unauthenticated } from '@econtract/server-kit';
import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { Account } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { justAuthenticated } from '../rules.ts';
import { LoginResultCode } from './login-attempt.entity.ts';
import { checkLogin, memberIsSuspended, recordSuspendedLogin, refusal } from './login.service.ts';
import { openSession, revokeSessions, rotateRefreshToken } from './session.service.ts';

@ObjectType({ description: 'The tokens of a new sign-in, and who signed in.' })
export class LoginResult {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>` to the gateway; short-lived.' })
  accessToken!: string;

  @Field(() => String, { description: 'Trade it for new tokens with refreshSession before the access token expires; good for one use.' })
  refreshToken!: string;

  @Field(() => Date, { description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => Account, { description: 'The user who signed in.' })
  user!: Account;
}

@ObjectType({ description: 'New tokens for a sign-in, from refreshSession.' })
export class SessionTokensResult {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>` to the gateway; short-lived.' })
  accessToken!: string;

  @Field(() => String, { description: 'Trade it for new tokens with refreshSession before the access token expires; good for one use.' })
  refreshToken!: string;

  @Field(() => Date, { description: 'When the access token expires.' })
  expiresAt!: Date;
}

@Resolver()
export class SessionResolver {
  @Mutation(() => LoginResult, {
    description:
      'Signs in with a login ID and password. Five wrong passwords in a row lock the login ID; an unverified email or a suspended account is refused. Throttled per IP and per login ID and IP (RATE_LIMITED).',
  })
  async login(
    @Arg('loginId', () => String, { description: 'The login ID, in any case.' }) loginId: string,
    @Arg('password', () => String, { description: 'The password.' }) password: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<LoginResult> {
    const outcome = await checkLogin(ctx, loginId, password);
    if (outcome.result !== LoginResultCode.SUCCESS) throw refusal(outcome);
    const account = outcome.account;
    if (await memberIsSuspended(ctx, account.id)) {
      await recordSuspendedLogin(ctx.em, ctx, account);
      throw refusal({ account, result: LoginResultCode.SUSPENDED });
    }
    const tokens = await openSession(ctx.em, account, ctx);
    justAuthenticated.add(account);
    ctx.log.info({ userId: account.id }, 'login succeeded');
    return { ...tokens, user: account };
  }

  @Mutation(() => SessionTokensResult, { description: 'New tokens for a refresh token; reusing an old one ends the whole sign-in.' })
  refreshSession(
    @Arg('refreshToken', () => String, { description: 'The refresh token from login or the previous refreshSession.' }) refreshToken: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<SessionTokensResult> {
    return rotateRefreshToken(refreshToken, ctx);
  }

  @Mutation(() => Boolean, { description: 'Ends this sign-in: its access and refresh tokens stop working at once.' })
  async logout(@Ctx() ctx: IdentityContext): Promise<boolean> {
    if (!ctx.viewer?.sessionId) throw unauthenticated();
    await revokeSessions(ctx.em, { sessionId: ctx.viewer.sessionId }, 'LOGOUT');
    return true;
  }
}
