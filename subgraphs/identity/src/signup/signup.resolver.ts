import type { OrganizationRoutes } from '@econtract/organization/routes';
import { businessNumberCheckDigitValid, businessNumberPartsPossible, normalizeBusinessNumber } from '@econtract/server-kit';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Account } from '../account/account.entity.ts';
import type { IdentityContext } from '../context.ts';
import { justAuthenticated } from '../rules.ts';
import { assertLoginId, loginKeyOf } from '../account/login-id.ts';
import { IdentityRateLimits, identityLimiter, limitClient } from '../security/rate-limits.ts';
import { BusinessNumberCheck, SignUpCorporateInput, SignUpIndividualInput, SignUpResult } from './signup.inputs.ts';
import { signUp, validateCorporate, validateIndividual } from './signup.service.ts';

@Resolver()
export class SignupResolver {
  @Query(() => Boolean, {
    description: 'Whether a login ID can still be taken (checked regardless of case); BAD_USER_INPUT when it breaks the login ID rules.',
  })
  async loginIdAvailable(
    @Arg('loginId', () => String, { description: 'The login ID to check.' }) loginId: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    await limitClient(ctx, IdentityRateLimits.availabilityPerIp);
    const valid = assertLoginId(loginId);
    return (await ctx.em.count(Account, { loginKey: loginKeyOf(valid) })) === 0;
  }

  @Query(() => BusinessNumberCheck, { description: "A business registration number's check digit, and whether a company has registered it already." })
  async businessNumberCheck(
    @Arg('businessNumber', () => String, { description: 'XXX-XX-XXXXX or 10 digits.' }) businessNumber: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<BusinessNumberCheck> {
    await limitClient(ctx, IdentityRateLimits.availabilityPerIp);
    const digits = normalizeBusinessNumber(businessNumber);
    if (!digits || !businessNumberCheckDigitValid(digits) || !businessNumberPartsPossible(digits)) return { valid: false, registered: false };
    const { registered } = await ctx.services.to<OrganizationRoutes>('organization').signup.businessNumberRegistered.query({ businessNumber: digits });
    return { valid: true, registered };
  }

  @Mutation(() => SignUpResult, { description: 'Signs up an individual member; a verification email follows.' })
  async signUpIndividual(
    @Arg('input', () => SignUpIndividualInput, { description: "The new member's details." }) input: SignUpIndividualInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<SignUpResult> {
    await limitClient(ctx, IdentityRateLimits.signupPerIp);
    return respond(ctx, validateIndividual(input));
  }

  @Mutation(() => SignUpResult, { description: 'Signs up a company; the person signing up becomes its total admin. A verification email follows.' })
  async signUpCorporate(
    @Arg('input', () => SignUpCorporateInput, { description: "The company's and its total admin's details." }) input: SignUpCorporateInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<SignUpResult> {
    await limitClient(ctx, IdentityRateLimits.signupPerIp);
    return respond(ctx, validateCorporate(input));
  }
}

async function respond(ctx: IdentityContext, request: Parameters<typeof signUp>[1]): Promise<SignUpResult> {
  // Each signup mails the address a link: one address gets only a few, whoever signs up with it.
  await identityLimiter.hit(ctx.em, IdentityRateLimits.signupPerEmail, request.email.toLowerCase());
  const account = await signUp(ctx, request);
  // The new member may see the account it just made, though it is not signed in yet.
  justAuthenticated.add(account);
  return { user: account, verificationEmailSentTo: account.email };
}
