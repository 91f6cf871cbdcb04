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

  @FieldResolver(() => CompanySettings, { description: 'R-COMPANY-1,2; members of the company only.' })
  settings(@Root() company: Company): CompanySettings {
    return { internalApproval: company.internalApproval, contractNumbering: company.contractNumbering };
  }

  @FieldResolver(() => String, { nullable: true, description: 'R-COMPANY-3: the code to hand to referred members (total admin only); null until generated.' })
  referralCode(@Root() company: Company): string | null {
    return company.referralCode;
  }

  @FieldResolver(() => [Department], { description: 'R-DEPT-1: top-level departments by name; each lists its sub-departments.' })
  departments(@Root() company: Company, @Ctx() ctx: OrganizationContext): Promise<Department[]> {
    return ctx.em.find(Department, { companyId: company.id, parentId: null }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  @FieldResolver(() => [Rank], { description: 'R-RANK-1: the ranks in the company\'s order.' })
  ranks(@Root() company: Company, @Ctx() ctx: OrganizationContext): Promise<Rank[]> {
    return ctx.em.find(Rank, { companyId: company.id }, { orderBy: { position: 'asc' } });
  }

  @Mutation(() => Company, { description: 'R-COMPANY-1,2: total admin only.' })
  updateCompanySettings(@Arg('input', () => UpdateCompanySettingsInput) input: UpdateCompanySettingsInput, @Ctx() ctx: OrganizationContext): Promise<Company> {
    return updateCompanySettings(ctx.em, ctx.viewer!, input);
  }

  @Mutation(() => Company, { description: 'R-COMPANY-3: a new referral code (10 characters, case-insensitive) replaces the old one. Corporate total admin only.' })
  generateReferralCode(@Ctx() ctx: OrganizationContext): Promise<Company> {
    return generateReferralCode(ctx.em, ctx.viewer!);
  }
}
