import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { OrganizationContext } from '../context.ts';
import { Rank } from './rank.entity.ts';
import { saveRanks } from './rank.service.ts';

@Resolver(() => Rank)
export class RankResolver {
  @Query(() => [Rank], { description: "The viewer's company's ranks (직급), in the company's order." })
  ranks(@Ctx() ctx: OrganizationContext): Promise<Rank[]> {
    return ctx.em.find(Rank, { companyId: ctx.viewer!.member!.companyId }, { orderBy: { position: 'asc' } });
  }

  @Mutation(() => [Rank], {
    description:
      'The ranks become exactly this list (names and order). Names that stay keep their ids (matched regardless of case); ranks left out are removed and cleared from the staff who held them. Total admin only.',
  })
  saveRanks(
    @Arg('names', () => [String], { description: 'The whole rank list in order: at most 100 names of up to 30 characters, each once regardless of case.' })
    names: string[],
    @Ctx() ctx: OrganizationContext,
  ): Promise<Rank[]> {
    return saveRanks(ctx.em, ctx.viewer!, names);
  }
}
