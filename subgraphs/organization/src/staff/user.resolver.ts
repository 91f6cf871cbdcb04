import { companyOf, isOperator } from '@econtract/server-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Company } from '../company/company.entity.ts';
import type { OrganizationContext } from '../organization.loaders.ts';
import { User } from './user.type.ts';

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => Company, { nullable: true, description: "The user's company or personal workspace; null for operators." })
  async company(@Root() user: User, @Ctx() ctx: OrganizationContext): Promise<Company | null> {
    const profile = await ctx.loaders.staffProfileByUserId.load(user.id);
    if (!profile) return null;
    const companyId = profile.company.id;
    // Tenant isolation: another company's membership is never revealed.
    if (companyId !== companyOf(ctx.viewer) && !isOperator(ctx.viewer)) return null;
    return ctx.loaders.companyById.load(companyId);
  }
}
