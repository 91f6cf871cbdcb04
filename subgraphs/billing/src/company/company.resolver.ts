import { companyOf } from '@econtract/server-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { billingAccountOf } from '../account/billing-account.ts';
import { BillingAccount } from '../account/billing-account.type.ts';
import type { BillingContext } from '../context.ts';
import { Company } from './company.type.ts';

@Resolver(() => Company)
export class CompanyResolver {
  @FieldResolver(() => BillingAccount, {
    nullable: true,
    description: "The company's billing standing, for its total admin or individual member only; null for another company.",
  })
  billing(@Root() company: Company, @Ctx() ctx: BillingContext): Promise<BillingAccount> | null {
    // Tenant isolation, again: never another company's billing.
    if (company.id !== companyOf(ctx.viewer)) return null;
    return billingAccountOf(ctx, company.id);
  }
}
