import { Ctx, Query, Resolver } from 'type-graphql';
import type { BillingContext } from '../context.ts';
import { Plan } from './plan.entity.ts';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'The plan catalogue, in display order. Needs no sign-in.' })
  plans(@Ctx() ctx: BillingContext): Promise<Plan[]> {
    return ctx.em.find(Plan, {}, { orderBy: { sortOrder: 'asc' } });
  }
}
