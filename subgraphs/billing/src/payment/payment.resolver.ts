import { pageOf } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context.ts';
import { paymentProvider } from '../billing.env.ts';
import { Plan } from '../plan/plan.entity.ts';
import { confirmPayment, listPayments, preparePayment } from './payment.service.ts';
import { Payment, PaymentConnection } from './payment.entity.ts';
import { ConfirmPaymentInput, PaymentOrder } from './payment.type.ts';

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => PaymentConnection, { description: "R-BILL-6 payment history of the viewer's company: approved and declined payments, newest first." })
  payments(
    @Arg('first', () => Int, { defaultValue: 20, description: '1–100.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: BillingContext,
  ): Promise<PaymentConnection> {
    return listPayments(ctx, pageOf('payment', first, after, 100));
  }

  @Mutation(() => PaymentOrder, { description: 'R-BILL-6 step 1: records an order for a card-purchasable plan; pay it in the payment widget, then confirmPayment.' })
  preparePayment(@Arg('planCode', () => String) planCode: string, @Ctx() ctx: BillingContext): Promise<PaymentOrder> {
    return preparePayment(ctx, planCode);
  }

  @Mutation(() => Payment, {
    description:
      'R-BILL-6 step 2: confirms the widget payment; on approval the plan is added as a new prepaid lot. Safe to retry (same order → same payment, one lot). Declined → BAD_USER_INPUT with the reason; no answer from the card company → SERVICE_UNAVAILABLE (extensions.retryable = true).',
  })
  confirmPayment(@Arg('input', () => ConfirmPaymentInput) input: ConfirmPaymentInput, @Ctx() ctx: BillingContext): Promise<Payment> {
    return confirmPayment(ctx, input, paymentProvider());
  }

  @FieldResolver(() => Plan)
  async plan(@Root() payment: Payment, @Ctx() ctx: BillingContext): Promise<Plan> {
    const plan = await ctx.loaders.planByCode.load(payment.plan.code);
    if (!plan) throw new Error(`payment ${payment.id} names plan ${payment.plan.code}, which is not in the catalogue`);
    return plan;
  }
}

@Resolver(() => PaymentOrder)
export class PaymentOrderResolver {
  @FieldResolver(() => Plan)
  async plan(@Root() order: PaymentOrder, @Ctx() ctx: BillingContext): Promise<Plan> {
    return (await ctx.loaders.planByCode.load(order.planCode))!;
  }
}
