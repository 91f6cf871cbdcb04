import { companyOf, notFound } from '@econtract/server-kit';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../billing.loaders.ts';
import { receiptSupplier } from '../billing.env.ts';
import { Company } from '../company/company.type.ts';
import type { PaymentRow } from '../payment/payment.type.ts';
import { renderReceiptPdf } from './receipt.pdf.ts';

@ObjectType('Receipt', { description: 'A printable PDF receipt (R-BILL-6).' })
export class Receipt {
  @Field(() => String, { description: 'Suggested file name, e.g. receipt-order_….pdf.' })
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => String, { description: 'The PDF, base64-encoded.' })
  contentBase64!: string;
}

@Resolver(() => Company)
export class ReceiptResolver {
  @Directive('@requires(fields: "name businessNumber")')
  @FieldResolver(() => Receipt, {
    description:
      "R-BILL-6: the PDF receipt of one of this company's approved payments. It carries the company's name and business number, which the organization subgraph owns (hence a Company field).",
  })
  async paymentReceipt(@Root() company: Company, @Arg('paymentId', () => ID) paymentId: string, @Ctx() ctx: BillingContext): Promise<Receipt> {
    const companyId = companyOf(ctx.viewer);
    const [payment] = /^[0-9a-f-]{36}$/i.test(paymentId) && company.id === companyId
      ? await ctx.em.execute<PaymentRow[]>(`select * from "billing"."payment" where "id" = ? and "company_id" = ? and "status" = 'APPROVED'`, [paymentId, companyId])
      : [];
    if (!payment) throw notFound('No approved payment with this id for your company.');
    const plan = await ctx.loaders.planByCode.load(payment.plan_code);
    const pdf = await renderReceiptPdf({
      supplier: receiptSupplier(),
      buyer: { name: company.name ?? '-', businessNumber: company.businessNumber ?? null },
      planName: plan?.name ?? payment.plan_code,
      orderId: payment.order_id,
      supplyKrw: payment.supply_krw,
      vatKrw: payment.vat_krw,
      amountKrw: payment.amount_krw,
      cardCompany: payment.card_company ?? '-',
      cardLast4: payment.card_last4 ?? '****',
      approvalNumber: payment.approval_number ?? '-',
      approvedAt: new Date(payment.approved_at!),
    });
    return { fileName: `receipt-${payment.order_id}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
  }
}
