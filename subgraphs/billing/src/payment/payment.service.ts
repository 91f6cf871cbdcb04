import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { AppError, badUserInput, companyOf, conflict, ErrorCode, keysetConnection, msg, notFound, type Page } from '@econtract/server-kit';
import { audit } from '../audit/audit.ts';
import type { BillingContext } from '../context.ts';
import { insertLot } from '../lot/lot.insert.ts';
import { PlanKind } from '../plan/plan.entity.ts';
import { PaymentProviderUnavailable, type PaymentProvider } from './payment.provider.ts';
import { Payment, PaymentStatus, type PaymentConnection } from './payment.entity.ts';
import { splitVat, type ConfirmPaymentInput, type PaymentOrder } from './payment.type.ts';

/** Toss accepts 6–64 characters of [A-Za-z0-9_-]; 128 random bits cannot be guessed. */
const newOrderId = () => `order_${randomBytes(16).toString('hex')}`;

/** R-BILL-6 step 1: records an order for a purchasable plan at the catalogue's price. */
export async function preparePayment(ctx: BillingContext, planCode: string): Promise<PaymentOrder> {
  const companyId = companyOf(ctx.viewer)!;
  const plan = await ctx.loaders.planByCode.load(planCode);
  if (!plan?.purchasable || plan.kind !== PlanKind.PAID || plan.priceKrw <= 0) {
    throw badUserInput(
      msg(
        `${planCode} cannot be bought by card. Choose a paid plan such as SOHO (소호형) or BUSINESS (비즈니스형).`,
        `${planCode}은(는) 카드로 결제할 수 있는 요금제가 아닙니다. 소호형(SOHO)이나 비즈니스형(BUSINESS) 같은 유료형 요금제를 선택해 주세요.`,
      ),
      { field: 'planCode' },
    );
  }
  const orderId = newOrderId();
  const { supplyKrw, vatKrw } = splitVat(plan.priceKrw);
  await ctx.em.transactional(async (tx) => {
    const payment = tx.create(Payment, { orderId, companyId, plan: plan.code, amountKrw: plan.priceKrw, supplyKrw, vatKrw, requestedBy: ctx.viewer!.userId });
    await tx.flush();
    await audit(tx, ctx, {
      companyId,
      action: 'PAYMENT_PREPARED',
      targetType: 'payment',
      targetId: payment.id,
      amountKrw: plan.priceKrw,
      details: { orderId, planCode: plan.code },
    });
  });
  return { orderId, amountKrw: plan.priceKrw, orderName: plan.name, planCode: plan.code };
}

/** The provider's outcome is unknown: nothing was recorded, and retrying is safe (same idempotency key). */
export const providerUnavailable = () =>
  new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    msg(
      'The card company did not answer in time, so the payment is not confirmed yet. Nothing was recorded; send confirmPayment again with the same order id and payment key.',
      '카드사 응답이 지연되어 결제가 아직 확인되지 않았습니다. 기록된 내용은 없으니 같은 주문번호와 결제키로 다시 요청해 주세요.',
    ),
    { reason: 'PAYMENT_PROVIDER_UNAVAILABLE', retryable: true },
  );

/**
 * R-BILL-6 step 2: checks the amount against the order, confirms with the provider and, when
 * approved, creates the plan's lot. The order row is locked for the whole step, so a retried or
 * simultaneous confirm waits and then answers with the same payment; one lot per payment.
 */
export async function confirmPayment(ctx: BillingContext, input: ConfirmPaymentInput, provider: PaymentProvider): Promise<Payment> {
  const companyId = companyOf(ctx.viewer)!;
  if (!input.orderId || input.orderId.length > 64)
    throw badUserInput(msg('orderId is not an order id from preparePayment.', 'orderId가 preparePayment에서 받은 주문번호가 아닙니다.'), { field: 'orderId' });
  if (!input.paymentKey || input.paymentKey.length > 200)
    throw badUserInput(msg('paymentKey must be the key the payment widget returned.', 'paymentKey에는 결제 위젯이 돌려준 결제키를 넣어 주세요.'), {
      field: 'paymentKey',
    });

  let outcome: { payment: Payment } | { error: AppError };
  try {
    outcome = await ctx.em.transactional(async (tx) => {
      // `for update`: a retried or simultaneous confirm of this order waits here, then sees how the first ended.
      const order = await tx.findOne(Payment, { orderId: input.orderId, companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!order)
        return {
          error: notFound(
            msg(
              'No such payment order for your company. Start again with preparePayment.',
              '회사에 해당 주문이 없습니다. preparePayment부터 다시 진행해 주세요.',
            ),
          ),
        };
      if (order.status === PaymentStatus.APPROVED) {
        // A retry of the confirm that succeeded: the same payment, nothing charged again.
        if (order.paymentKey === input.paymentKey) return { payment: order };
        return {
          error: conflict(
            msg(
              'This order has already been paid with another payment. Start a new order with preparePayment.',
              '이미 다른 결제로 결제가 끝난 주문입니다. preparePayment로 새 주문을 만들어 주세요.',
            ),
          ),
        };
      }
      if (order.status === PaymentStatus.DECLINED) {
        return {
          error: badUserInput(
            msg(
              `This order was declined: ${order.declineReason}. Start a new order with preparePayment.`,
              `결제가 거절된 주문입니다: ${order.declineReason}. preparePayment로 새 주문을 만들어 주세요.`,
            ),
            { reason: order.declineCode },
          ),
        };
      }
      if (input.amountKrw !== order.amountKrw) {
        return {
          error: badUserInput(
            msg(
              `The amount (${input.amountKrw}원) does not match the order (${order.amountKrw}원), so the payment was not confirmed and nothing was charged.`,
              `결제 금액(${input.amountKrw}원)이 주문 금액(${order.amountKrw}원)과 달라 결제를 승인하지 않았습니다. 청구된 금액은 없습니다.`,
            ),
            { field: 'amountKrw' },
          ),
        };
      }

      const result = await provider.confirm({ paymentKey: input.paymentKey, orderId: order.orderId, amount: order.amountKrw, idempotencyKey: order.orderId });
      if (result.status === 'DECLINED') {
        Object.assign(order, { status: PaymentStatus.DECLINED, paymentKey: input.paymentKey, declineCode: result.code, declineReason: result.message });
        await tx.flush();
        await audit(tx, ctx, {
          companyId,
          action: 'PAYMENT_DECLINED',
          targetType: 'payment',
          targetId: order.id,
          amountKrw: order.amountKrw,
          details: { code: result.code, message: result.message },
        });
        return {
          error: badUserInput(
            msg(
              `The card payment was declined: ${result.message} Nothing was charged.`,
              `카드 결제가 거절되었습니다: ${result.message} 청구된 금액은 없습니다.`,
            ),
            {
              reason: result.code,
              paymentId: order.id,
            },
          ),
        };
      }

      const plan = await ctx.loaders.planByCode.load(order.plan.code);
      if (!plan) throw new Error(`payment ${order.id} names plan ${order.plan.code}, which is not in the catalogue`);
      Object.assign(order, {
        status: PaymentStatus.APPROVED,
        paymentKey: input.paymentKey,
        cardCompany: result.cardCompany,
        cardLast4: result.cardLast4,
        approvalNumber: result.approvalNumber,
        approvedAt: result.approvedAt,
      });
      await tx.flush();
      const lotId = (await insertLot(tx, { companyId, plan, purchasedAt: new Date(), paymentId: order.id }))!;
      await audit(tx, ctx, {
        companyId,
        action: 'PAYMENT_APPROVED',
        targetType: 'payment',
        targetId: order.id,
        amountKrw: order.amountKrw,
        unitCount: plan.contractCount,
        details: { lotId, planCode: plan.code, approvalNumber: result.approvalNumber },
      });
      return { payment: order };
    });
  } catch (error) {
    if (error instanceof PaymentProviderUnavailable) {
      ctx.log.warn({ err: error, orderId: input.orderId }, 'payment provider unavailable');
      throw providerUnavailable();
    }
    throw error;
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.payment;
}

/** R-BILL-6 history: settled payments (approved or declined), newest order first. */
export function listPayments(ctx: BillingContext, page: Page): Promise<PaymentConnection> {
  const settled = { companyId: companyOf(ctx.viewer)!, status: { $ne: PaymentStatus.READY } };
  return keysetConnection(page, {
    known: async (seq) => (await ctx.em.count(Payment, { ...settled, seq })) > 0,
    fetch: (before, limit) => ctx.em.find(Payment, before === null ? settled : { ...settled, seq: { $lt: before } }, { orderBy: { seq: 'desc' }, limit }),
    seq: (payment) => payment.seq,
  });
}
