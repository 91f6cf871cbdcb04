import { companyOf, pageOf } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context.ts';
import { paymentProvider } from '../billing.env.ts';
import { BillingRateLimits, billingLimiter } from '../billing.limits.ts';
import { Plan } from '../plan/plan.entity.ts';
import { confirmPayment, listPayments, preparePayment } from './payment.service.ts';
import { Payment, PaymentConnection } from './payment.entity.ts';
import { ConfirmPaymentInput, PaymentOrder } from './payment.type.ts';

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => PaymentConnection, {
    description:
      "The payment history of the viewer's company: approved and declined payments, newest first; page with `first` and `after`. Total admin or individual member only.",
  })
  payments(
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many payments to return, 1–100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." })
    after: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<PaymentConnection> {
    return listPayments(ctx, pageOf('payment', first, after, 100));
  }

  @Mutation(() => PaymentOrder, {
    description:
      'Step 1 of a card payment: records an order for a purchasable plan at the catalogue price; pay it in the payment widget, then call confirmPayment.',
  })
  preparePayment(
    @Arg('planCode', () => String, { description: 'The code of a purchasable plan, e.g. SOHO or BUSINESS.' }) planCode: string,
    @Ctx() ctx: BillingContext,
  ): Promise<PaymentOrder> {
    return preparePayment(ctx, planCode);
  }

  @Mutation(() => Payment, {
    description:
      'Step 2 of a card payment: confirms the widget payment with the card company; on approval the plan is added as a new prepaid lot. Safe to retry (same order → same payment, one lot). Declined → BAD_USER_INPUT with the reason; no answer from the card company → SERVICE_UNAVAILABLE (extensions.retryable = true).',
  })
  async confirmPayment(
    @Arg('input', () => ConfirmPaymentInput, { description: 'The order and what the widget returned for it.' }) input: ConfirmPaymentInput,
    @Ctx() ctx: BillingContext,
  ): Promise<Payment> {
    if (ctx.client.ip) await billingLimiter.hit(ctx.em, BillingRateLimits.paymentConfirmPerIp, ctx.client.ip);
    await billingLimiter.hit(ctx.em, BillingRateLimits.paymentConfirmPerCompany, companyOf(ctx.viewer)!);
    return confirmPayment(ctx, input, paymentProvider());
  }

  @FieldResolver(() => Plan, { description: 'The plan bought.' })
  async plan(@Root() payment: Payment, @Ctx() ctx: BillingContext): Promise<Plan> {
    const plan = await ctx.loaders.planByCode.load(payment.plan.code);
    if (!plan) throw new Error(`payment ${payment.id} names plan ${payment.plan.code}, which is not in the catalogue`);
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
