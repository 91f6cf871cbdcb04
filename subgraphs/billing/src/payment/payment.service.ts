import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, badUserInput, companyOf, conflict, ErrorCode, msg, notFound } from '@econtract/server-kit';
import { audit } from '../audit/audit.ts';
import type { BillingContext } from '../context.ts';
import { insertLot } from '../lot/lot.insert.ts';
import { PlanKind } from '../plan/plan.entity.ts';
import { PaymentProviderUnavailable, type PaymentProvider } from './payment.provider.ts';
import { splitVat, toPayment, type ConfirmPaymentInput, type Payment, type PaymentOrder, type PaymentRow } from './payment.type.ts';

/** Toss accepts 6–64 characters of [A-Za-z0-9_-]; 128 random bits cannot be guessed. */
const newOrderId = () => `order_${randomBytes(16).toString('hex')}`;

/** R-BILL-6 step 1: records an order for a purchasable plan at the catalogue's price. */
export async function preparePayment(ctx: BillingContext, planCode: string): Promise<PaymentOrder> {
  const companyId = companyOf(ctx.viewer)!;
  const plan = await ctx.loaders.planByCode.load(planCode);
  if (!plan || !plan.purchasable || plan.kind !== PlanKind.PAID || plan.priceKrw <= 0) {
    throw badUserInput(`${planCode} cannot be bought by card. Choose a paid plan such as SOHO (소호형) or BUSINESS (비즈니스형).`, { field: 'planCode' });
  }
  const orderId = newOrderId();
  const { supplyKrw, vatKrw } = splitVat(plan.priceKrw);
  await ctx.em.transactional(async (tx) => {
    const id = randomUUID();
    await tx.execute(
      `insert into "billing"."payment" ("id", "order_id", "company_id", "plan_code", "amount_krw", "supply_krw", "vat_krw", "status", "requested_by")
       values (?, ?, ?, ?, ?, ?, ?, 'READY', ?)`,
      [id, orderId, companyId, plan.code, plan.priceKrw, supplyKrw, vatKrw, ctx.viewer!.userId],
    );
    await audit(tx, ctx, { companyId, action: 'PAYMENT_PREPARED', targetType: 'payment', targetId: id, amountKrw: plan.priceKrw, details: { orderId, planCode: plan.code } });
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
  if (!input.orderId || input.orderId.length > 64) throw badUserInput('orderId is not an order id from preparePayment.', { field: 'orderId' });
  if (!input.paymentKey || input.paymentKey.length > 200) throw badUserInput('paymentKey must be the key the payment widget returned.', { field: 'paymentKey' });

  let outcome: { payment: PaymentRow } | { error: AppError };
  try {
    outcome = await ctx.em.transactional(async (tx) => {
      const [order] = await tx.execute<PaymentRow[]>(`select * from "billing"."payment" where "order_id" = ? and "company_id" = ? for update`, [input.orderId, companyId]);
      if (!order) return { error: notFound('No such payment order for your company. Start again with preparePayment.') };
      if (order.status === 'APPROVED') {
        // A retry of the confirm that succeeded: the same payment, nothing charged again.
        if (order.payment_key === input.paymentKey) return { payment: order };
        return { error: conflict('This order has already been paid with another payment. Start a new order with preparePayment.') };
      }
      if (order.status === 'DECLINED') {
        return { error: badUserInput(`This order was declined: ${order.decline_message}. Start a new order with preparePayment.`, { reason: order.decline_code }) };
      }
      if (input.amountKrw !== order.amount_krw) {
        return {
          error: badUserInput(`The amount (${input.amountKrw}원) does not match the order (${order.amount_krw}원), so the payment was not confirmed and nothing was charged.`, { field: 'amountKrw' }),
        };
      }

      const result = await provider.confirm({ paymentKey: input.paymentKey, orderId: order.order_id, amount: order.amount_krw, idempotencyKey: order.order_id });
      if (result.status === 'DECLINED') {
        const [declined] = await tx.execute<PaymentRow[]>(
          `update "billing"."payment" set "status" = 'DECLINED', "payment_key" = ?, "decline_code" = ?, "decline_message" = ?, "updated_at" = now() where "id" = ? returning *`,
          [input.paymentKey, result.code, result.message, order.id],
        );
        await audit(tx, ctx, { companyId, action: 'PAYMENT_DECLINED', targetType: 'payment', targetId: order.id, amountKrw: order.amount_krw, details: { code: result.code, message: result.message } });
        return { error: badUserInput(`The card payment was declined: ${result.message} Nothing was charged.`, { reason: result.code, paymentId: declined!.id }) };
      }

      const plan = await ctx.loaders.planByCode.load(order.plan_code);
      if (!plan) throw new Error(`payment ${order.id} names plan ${order.plan_code}, which is not in the catalogue`);
      const [approved] = await tx.execute<PaymentRow[]>(
        `update "billing"."payment" set "status" = 'APPROVED', "payment_key" = ?, "card_company" = ?, "card_last4" = ?, "approval_number" = ?, "approved_at" = ?::timestamptz, "updated_at" = now()
         where "id" = ? returning *`,
        [input.paymentKey, result.cardCompany, result.cardLast4, result.approvalNumber, result.approvedAt.toISOString(), order.id],
      );
      const lotId = (await insertLot(tx, { companyId, plan, purchasedAt: new Date(), paymentId: order.id }))!;
      await audit(tx, ctx, {
        companyId,
        action: 'PAYMENT_APPROVED',
        targetType: 'payment',
        targetId: order.id,
        amountKrw: order.amount_krw,
        unitCount: plan.contractCount,
        details: { lotId, planCode: plan.code, approvalNumber: result.approvalNumber },
      });
      return { payment: approved! };
    });
  } catch (error) {
    if (error instanceof PaymentProviderUnavailable) {
      ctx.log.warn({ err: error, orderId: input.orderId }, 'payment provider unavailable');
      throw providerUnavailable();
    }
    throw error;
  }
  if ('error' in outcome) throw outcome.error;
  return toPayment(outcome.payment);
}

/** R-BILL-6 history: settled payments (approved or declined), newest order first. */
export async function listPayments(ctx: BillingContext, first: number, after: string | null): Promise<Payment[]> {
  const companyId = companyOf(ctx.viewer)!;
  if (after) {
    const [known] = await ctx.em.execute(`select 1 from "billing"."payment" where "id" = ? and "company_id" = ?`, [after, companyId]);
    if (!known) throw badUserInput('after must be the id of a payment from the previous page.');
  }
  const rows = await ctx.em.execute<PaymentRow[]>(
    `select * from "billing"."payment" p
     where p."company_id" = ? and p."status" <> 'READY'
       and (?::uuid is null or (p."created_at", p."id") < (select a."created_at", a."id" from "billing"."payment" a where a."id" = ?::uuid))
     order by p."created_at" desc, p."id" desc
     limit ?`,
    [companyId, after, after, first],
  );
  return rows.map(toPayment);
}
