import { companyOf } from '@econtract/server-kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { BillingContext } from '../context.ts';
import { billingAccountOf } from './billing-account.ts';
import { BillingAccount } from './billing-account.type.ts';

@Resolver(() => BillingAccount)
export class BillingAccountResolver {
  @Query(() => BillingAccount, { description: "The billing standing of the viewer's company or personal workspace. Total admin or individual member only." })
  billingAccount(@Ctx() ctx: BillingContext): Promise<BillingAccount> {
    return billingAccountOf(ctx, companyOf(ctx.viewer)!);
  }
}
