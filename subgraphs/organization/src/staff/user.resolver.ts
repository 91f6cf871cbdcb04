import { companyOf, Grade } from '@econtract/server-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Company } from '../company/company.entity.ts';
import { Department } from '../department/department.entity.ts';
import type { OrganizationContext } from '../context.ts';
import { Rank } from '../rank/rank.entity.ts';
import type { StaffProfile } from './staff-profile.entity.ts';
import { StaffPermissions } from './staff-permissions.ts';
import { User } from './user.type.ts';

/** The user's profile when the user is in the viewer's company; another company's membership is never revealed. */
async function profileInViewerCompany(user: User, ctx: OrganizationContext): Promise<StaffProfile | null> {
  const profile = await ctx.loaders.staffProfileByUserId.load(user.id);
  return profile && profile.company.id === companyOf(ctx.viewer) ? profile : null;
}

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => Company, {
    nullable: true,
    description: "The user's company or personal workspace, seen from inside it only; null for operators and outside it.",
  })
  async company(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<Company | null> {
    // Tenant isolation: another company's membership is never revealed — not to the operator either, who sees accounts, not companies.
    const profile = await profileInViewerCompany(user, ctx);
    return profile ? ctx.loaders.companyById.load(profile.company.id) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'The department the user belongs to; null when none, or outside your company.' })
  async department(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<Department | null> {
    const profile = await profileInViewerCompany(user, ctx);
    return profile?.departmentId ? ctx.loaders.departmentById.load(profile.departmentId) : null;
  }

  @FieldResolver(() => Rank, { nullable: true, description: "The user's rank (직급); null when none, or outside your company." })
  async rank(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<Rank | null> {
    const profile = await profileInViewerCompany(user, ctx);
    return profile?.rankId ? ctx.loaders.rankById.load(profile.rankId) : null;
  }

  @FieldResolver(() => Grade, {
    nullable: true,
    description: "The user's grade, which sets what they may see and do; null for operators and outside your company.",
  })
  async grade(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<Grade | null> {
    return (await profileInViewerCompany(user, ctx))?.grade ?? null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the user holds approval authority (결재권한) and so may be chosen as an approver; null outside your company.',
  })
  async approvalAuthority(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<boolean | null> {
    return (await profileInViewerCompany(user, ctx))?.approvalAuthority ?? null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'False while the account is suspended; null outside your company.' })
  async active(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<boolean | null> {
    return (await profileInViewerCompany(user, ctx))?.active ?? null;
  }

  @FieldResolver(() => StaffPermissions, {
    nullable: true,
    description: 'Extra permissions on contracts the user did not write; visible to the user and the total admin, null for anyone else.',
  })
  async permissions(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<StaffPermissions | null> {
    const profile = await profileInViewerCompany(user, ctx);
    if (!profile || (user.id !== ctx.viewer?.userId && ctx.viewer?.member?.grade !== Grade.TOTAL_ADMIN)) return null;
    return profile.permissions;
  }
}
