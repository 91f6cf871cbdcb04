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
    description: "R-BILL-7 prepaid service history: the viewer's company's lots, oldest purchase first (the order units are deducted in). Expired lots only with includeExpired.",
  })
  async prepaidLots(
    @Arg('includeExpired', () => Boolean, { defaultValue: false }) includeExpired: boolean,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–100.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
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

  @FieldResolver(() => Plan)
  async plan(@Root() lot: PrepaidLot, @Ctx() ctx: BillingContext): Promise<Plan> {
    const plan = await ctx.loaders.planByCode.load(lot.plan.code);
    if (!plan) throw new Error(`lot ${lot.id} names plan ${lot.plan.code}, which is not in the catalogue`);
    return plan;
  }

  @FieldResolver(() => Int, { description: 'chargedCount − usedCount (still shown for an expired lot, though it can no longer be used).' })
  remainingCount(@Root() lot: PrepaidLot): number {
    return lot.chargedCount - lot.usedCount;
  }

  @FieldResolver(() => LotStatus)
  status(@Root() lot: PrepaidLot): LotStatus {
    return lotStatus(lot, new Date());
  }

  @FieldResolver(() => UsageConnection, { description: 'R-BILL-7 detail: each unit consumed from this lot, oldest first.' })
  usages(
    @Root() lot: PrepaidLot,
    @Arg('first', () => Int, { defaultValue: 50, description: '1–500.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
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
