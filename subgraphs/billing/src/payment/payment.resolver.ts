import { companyOf } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../billing.loaders.ts';
import { paymentProvider } from '../billing.env.ts';
import { BillingRateLimits, billingLimiter } from '../billing.limits.ts';
import { cursor, pageSize } from '../billing.paging.ts';
import { Plan } from '../plan/plan.entity.ts';
import { confirmPayment, listPayments, preparePayment } from './payment.service.ts';
import { ConfirmPaymentInput, Payment, PaymentOrder } from './payment.type.ts';

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => [Payment], {
    description: "The payment history of the viewer's company: approved and declined payments, newest first; page with `first` and `after`. Total admin or individual member only.",
  })
  payments(
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many payments to return, 1–100.' }) first: number,
    @Arg('after', () => ID, { nullable: true, description: 'The `id` of the last payment of the previous page; omit for the first page.' }) after: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<Payment[]> {
    return listPayments(ctx, pageSize(first, 100), cursor(after));
  }

  @Mutation(() => PaymentOrder, { description: 'Step 1 of a card payment: records an order for a purchasable plan at the catalogue price; pay it in the payment widget, then call confirmPayment.' })
  preparePayment(@Arg('planCode', () => String, { description: 'The code of a purchasable plan, e.g. SOHO or BUSINESS.' }) planCode: string, @Ctx() ctx: BillingContext): Promise<PaymentOrder> {
    return preparePayment(ctx, planCode);
  }

  @Mutation(() => Payment, {
    description:
      'Step 2 of a card payment: confirms the widget payment with the card company; on approval the plan is added as a new prepaid lot. Safe to retry (same order → same payment, one lot). Declined → BAD_USER_INPUT with the reason; no answer from the card company → SERVICE_UNAVAILABLE (extensions.retryable = true).',
  })
  async confirmPayment(@Arg('input', () => ConfirmPaymentInput, { description: 'The order and what the widget returned for it.' }) input: ConfirmPaymentInput, @Ctx() ctx: BillingContext): Promise<Payment> {
    if (ctx.client.ip) await billingLimiter.hit(ctx.em, BillingRateLimits.paymentConfirmPerIp, ctx.client.ip);
    await billingLimiter.hit(ctx.em, BillingRateLimits.paymentConfirmPerCompany, companyOf(ctx.viewer)!);
    return confirmPayment(ctx, input, paymentProvider());
  }

  @FieldResolver(() => Plan, { description: 'The plan bought.' })
  async plan(@Root() payment: Payment, @Ctx() ctx: BillingContext): Promise<Plan> {
    const plan = await ctx.loaders.planByCode.load(payment.planCode);
    if (!plan) throw new Error(`payment ${payment.id} names plan ${payment.planCode}, which is not in the catalogue`);
    return plan;
  }
}

@Resolver(() => PaymentOrder)
export class PaymentOrderResolver {
  @FieldResolver(() => Plan, { description: 'The plan being bought.' })
  async plan(@Root() order: PaymentOrder, @Ctx() ctx: BillingContext): Promise<Plan> {
    return (await ctx.loaders.planByCode.load(order.planCode))!;
  }
}
