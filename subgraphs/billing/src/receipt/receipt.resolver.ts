import { companyOf, isUuid, msg, notFound, RECEIPT_LINK_PURPOSE, RECEIPT_LINK_TTL_SECONDS, signLinkToken } from '@econtract/server-kit';
import type { OrganizationRoutes } from '@econtract/organization/routes';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context.ts';
import { receiptSupplier } from '../billing.env.ts';
import { Company } from '../company/company.type.ts';
import { Payment, PaymentStatus } from '../payment/payment.entity.ts';
import { renderReceiptPdf } from './receipt.pdf.ts';

@ObjectType('Receipt', { description: 'A printable PDF receipt of an approved payment.' })
export class Receipt {
  @Field(() => String, { description: 'Suggested file name, e.g. receipt-order_….pdf.' })
  fileName!: string;

  @Field(() => String, { description: 'Always application/pdf.' })
  contentType!: string;

  @Field(() => String, { description: 'The PDF, base64-encoded.' })
  contentBase64!: string;
}

@Resolver(() => Company)
export class ReceiptResolver {
  @Directive('@requires(fields: "name businessNumber")')
  @FieldResolver(() => Receipt, {
    description:
      "The PDF receipt of one of this company's approved payments, with the company's name and business registration number as the buyer. Total admin or individual member only; NOT_FOUND for any other payment.",
  })
  async paymentReceipt(
    @Root() company: Company,
    @Arg('paymentId', () => ID, { description: 'The `id` of an approved payment of this company.' }) paymentId: string,
    @Ctx() ctx: BillingContext,
  ): Promise<Receipt> {
    const companyId = companyOf(ctx.viewer);
    if (!companyId || company.id !== companyId) throw receiptNotFound();
    return buildReceipt(ctx, paymentId, companyId, { name: company.name ?? '-', businessNumber: company.businessNumber ?? null });
  }
}

@Resolver(() => Payment)
export class PaymentReceiptResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'A link to the printable PDF receipt of an approved payment, valid for 15 minutes (ask again for a fresh one); null otherwise.',
  })
  async receiptUrl(@Root() payment: Payment, @Ctx() ctx: BillingContext): Promise<string | null> {
    const companyId = companyOf(ctx.viewer);
    if (payment.status !== PaymentStatus.APPROVED || !companyId) return null;
    const token = await signLinkToken(ctx.env.INTERNAL_TOKEN_SECRET, RECEIPT_LINK_PURPOSE, payment.id, { cid: companyId }, RECEIPT_LINK_TTL_SECONDS);
    return new URL(`/receipts/${payment.id}?token=${token}`, ctx.env.PUBLIC_API_URL).toString();
  }
}

const receiptNotFound = () => notFound(msg('No approved payment with this id for your company.', '해당 결제 내역을 찾을 수 없습니다.'));

/** The receipt of one of `companyId`'s approved payments; the buyer's details come from organization. */
export async function buildReceipt(
  ctx: BillingContext,
  paymentId: string,
  companyId: string,
  buyer: { name: string; businessNumber: string | null },
): Promise<Receipt> {
  const payment = isUuid(paymentId) ? await ctx.em.findOne(Payment, { id: paymentId, companyId, status: PaymentStatus.APPROVED }) : null;
  if (!payment) throw receiptNotFound();
  const plan = await ctx.loaders.planByCode.load(payment.plan.code);
  const pdf = await renderReceiptPdf({
    supplier: receiptSupplier(),
    buyer,
    planName: plan?.name ?? payment.plan.code,
    orderId: payment.orderId,
    supplyKrw: payment.supplyKrw,
    vatKrw: payment.vatKrw,
    amountKrw: payment.amountKrw,
    cardCompany: payment.cardCompany ?? '-',
    cardLast4: payment.cardLast4 ?? '****',
    approvalNumber: payment.approvalNumber ?? '-',
    approvedAt: payment.approvedAt!,
  });
  return { fileName: `receipt-${payment.orderId}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
}

/** `receipt.render` (internal): what the gateway serves at a signed receiptUrl. */
export async function renderReceipt({ paymentId, companyId }: { paymentId: string; companyId: string }, ctx: BillingContext): Promise<Receipt> {
  const [company] = await ctx.services.to<OrganizationRoutes>('organization').company.lookup.query({ companyIds: [companyId] });
  if (!company) throw receiptNotFound();
  return buildReceipt(ctx, paymentId, companyId, company);
}
