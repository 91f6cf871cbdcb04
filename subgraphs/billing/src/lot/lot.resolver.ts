import { companyOf, keysetConnection, pageOf } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context.ts';
import { Plan } from '../plan/plan.entity.ts';
import { UsageConnection } from '../usage/usage.entity.ts';
import { lotStatus } from './lot.usable.ts';
import { LotStatus, PrepaidLot, PrepaidLotConnection } from './prepaid-lot.entity.ts';

@Resolver(() => PrepaidLot)
export class LotResolver {
  @Query(() => PrepaidLotConnection, {
    description:
      "The prepaid service history of the viewer's company: its lots, oldest purchase first (the order units are deducted in). Expired lots only with includeExpired. Total admin or individual member only.",
  })
  async prepaidLots(
    @Arg('includeExpired', () => Boolean, { defaultValue: false, description: 'Also list expired lots.' }) includeExpired: boolean,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many lots to return, 1–100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." })
    after: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<PrepaidLotConnection> {
    const page = pageOf('lot', first, after, 100);
    // The rule guarantees a member; the company filter is in the loader's SQL. A company has few lots, so they page in memory.
    const lots = await ctx.loaders.lotsByCompany.load(companyOf(ctx.viewer)!);
    const now = new Date();
    const listed = includeExpired ? lots : lots.filter((lot) => lotStatus(lot, now) !== LotStatus.EXPIRED);
    const position = (seq: number) => lots.findIndex((lot) => lot.seq === seq);
    return keysetConnection(page, {
      known: (seq) => position(seq) >= 0,
      fetch: (afterSeq, limit) => (afterSeq === null ? listed : listed.filter((lot) => lots.indexOf(lot) > position(afterSeq))).slice(0, limit),
      seq: (lot) => lot.seq,
    });
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

  @FieldResolver(() => UsageConnection, {
    description: 'Each unit consumed from this lot, one per completed contract, oldest first; page with `first` and `after`.',
  })
  usages(
    @Root() lot: PrepaidLot,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many usages to return, 1–500.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." })
    after: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<UsageConnection> {
    return keysetConnection(pageOf('usage', first, after, 500), {
      // A usage of any of the company's lots: one cursor may be asked of every lot in one request.
      known: async (seq) => (await ctx.loaders.usageBySeq.load(seq)) !== null,
      fetch: (afterSeq, limit) => ctx.loaders.usagesOfLot(limit, afterSeq).load(lot.id),
      seq: (usage) => usage.seq,
    });
  }
}
