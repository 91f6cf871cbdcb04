import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Department } from '../department/department.entity.ts';
import type { OrganizationContext } from '../context.ts';
import { Rank } from '../rank/rank.entity.ts';
import { Company, CompanySettings } from './company.entity.ts';
import { UpdateCompanySettingsInput } from './company.inputs.ts';
import { generateReferralCode, updateCompanySettings } from './company.service.ts';

@Resolver(() => Company)
export class CompanyResolver {
  @Query(() => Company, { nullable: true, description: "The viewer's company (or personal workspace)." })
  company(@Ctx() ctx: OrganizationContext): Promise<Company | null> {
    return ctx.loaders.companyById.load(ctx.viewer!.member!.companyId);
  }

  @FieldResolver(() => CompanySettings, { description: 'Company-wide defaults for writing contracts; members of the company only.' })
  settings(@Root() company: Company): CompanySettings {
    return { internalApproval: company.internalApproval, contractNumbering: company.contractNumbering };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The referral code (추천인 코드) to hand to referred members; total admin only; null until generated.',
  })
  referralCode(@Root() company: Company): string | null {
    return company.referralCode;
  }

  @FieldResolver(() => [Department], { description: 'Top-level departments by name, each listing its sub-departments; members of the company only.' })
  departments(@Root() company: Company, @Ctx() ctx: OrganizationContext): Promise<Department[]> {
    return ctx.loaders.topDepartmentsByCompany.load(company.id);
  }

  @FieldResolver(() => [Rank], { description: "The ranks (직급) in the company's order; members of the company only." })
  ranks(@Root() company: Company, @Ctx() ctx: OrganizationContext): Promise<Rank[]> {
    return ctx.loaders.ranksByCompany.load(company.id);
  }

  @Mutation(() => Company, { description: 'Changes the company-wide defaults for writing contracts. Total admin only.' })
  updateCompanySettings(
    @Arg('input', () => UpdateCompanySettingsInput, { description: 'The settings to change.' }) input: UpdateCompanySettingsInput,
    @Ctx() ctx: OrganizationContext,
  ): Promise<Company> {
    return updateCompanySettings(ctx.em, ctx.viewer!, input);
  }

  @Mutation(() => Company, {
    description: 'Replaces the referral code with a new one (10 characters, case-insensitive). Total admin of a corporate member only.',
  })
  generateReferralCode(@Ctx() ctx: OrganizationContext): Promise<Company> {
    return generateReferralCode(ctx.em, ctx.viewer!);
  }
}
