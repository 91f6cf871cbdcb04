import { badUserInput, companyOf, msg } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../billing.loaders.ts';
import { Plan } from '../plan/plan.entity.ts';
import { cursor, pageSize } from '../billing.paging.ts';
import { Usage } from '../usage/usage.type.ts';
import { lotStatus } from './lot.usable.ts';
import { LotStatus, PrepaidLot } from './prepaid-lot.entity.ts';

@Resolver(() => PrepaidLot)
export class LotResolver {
  @Query(() => [PrepaidLot], {
    description:
      "The prepaid service history of the viewer's company: its lots, oldest purchase first (the order units are deducted in). Expired lots only with includeExpired. Total admin or individual member only.",
  })
  async prepaidLots(
    @Arg('includeExpired', () => Boolean, { defaultValue: false, description: 'Also list expired lots.' }) includeExpired: boolean,
    @Ctx() ctx: BillingContext,
  ): Promise<PrepaidLot[]> {
    // The rule guarantees a member; the company filter is in the loader's SQL.
    const lots = await ctx.loaders.lotsByCompany.load(companyOf(ctx.viewer)!);
    const now = new Date();
    return includeExpired ? lots : lots.filter((lot) => lotStatus(lot, now) !== LotStatus.EXPIRED);
  }

  @FieldResolver(() => Plan, { description: 'The plan the lot was bought, claimed or granted as.' })
  async plan(@Root() lot: PrepaidLot, @Ctx() ctx: BillingContext): Promise<Plan> {
    const plan = await ctx.loaders.planByCode.load(lot.plan.code);
    if (!plan) throw new Error(`lot ${lot.id} names plan ${lot.plan.code}, which is not in the catalogue`);
    return plan;
  }

  @FieldResolver(() => Int, { description: 'Units left: chargedCount − usedCount (still shown for an expired lot, though it can no longer be used).' })
  remainingCount(@Root() lot: PrepaidLot): number {
    return lot.chargedCount - lot.usedCount;
  }

  @FieldResolver(() => LotStatus, { description: "Whether the lot's units can still be used." })
  status(@Root() lot: PrepaidLot): LotStatus {
    return lotStatus(lot, new Date());
  }

  @FieldResolver(() => [Usage], { description: 'Each unit consumed from this lot, one per completed contract, oldest first; page with `first` and `after`.' })
  async usages(
    @Root() lot: PrepaidLot,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many usages to return, 1–500.' }) first: number,
    @Arg('after', () => ID, { nullable: true, description: 'The `id` of the last usage of the previous page; omit for the first page.' }) after: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<Usage[]> {
    const afterUsage = cursor(after);
    // An unknown id (or another company's) would otherwise silently give an empty page.
    if (afterUsage && (await ctx.loaders.companyOfUsage.load(afterUsage))?.company_id !== lot.companyId) {
      throw badUserInput(msg('after must be the id of a usage from the previous page.', 'after에는 이전 페이지에 있던 사용 내역 ID를 넣어 주세요.'), { field: 'after' });
    }
    return ctx.loaders.usagesOfLot(pageSize(first, 500), afterUsage).load(lot.id);
  }
}
