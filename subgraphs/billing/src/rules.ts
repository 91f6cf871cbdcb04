import { allow, forbidden, Grade, msg, rule, unauthenticated, type PermissionRules, type SubgraphContext } from '@econtract/server-kit';

/**
 * Billing belongs to whoever pays: the total admin for a company, the individual member for a
 * personal workspace. Staff, department managers and operators are refused.
 */
export const isBillingHolder = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => {
  if (!ctx.viewer) return unauthenticated();
  const member = ctx.viewer.member;
  if (member?.active && (member.grade === Grade.TOTAL_ADMIN || member.grade === Grade.INDIVIDUAL)) return true;
  return forbidden(
    msg(
      "Only the company's total admin (or an individual member, for their own workspace) can see and manage billing.",
      '결제관리는 회사의 총괄관리자 또는 개인회원 본인만 조회하고 관리할 수 있습니다.',
    ),
  );
});

export const billingPermissions: PermissionRules = {
  Query: {
    // The catalogue is public: people compare plans before signing up.
    plans: allow,
    billingAccount: isBillingHolder,
    prepaidLots: isBillingHolder,
    payments: isBillingHolder,
  },
  Mutation: {
    preparePayment: isBillingHolder,
    confirmPayment: isBillingHolder,
    claimFreePass: isBillingHolder,
  },
  Plan: allow,
  // Reached only through the fields above (or Company.billing), each of which checks the holder.
  Company: { id: allow, name: allow, businessNumber: allow, billing: isBillingHolder, paymentReceipt: isBillingHolder },
  BillingAccount: isBillingHolder,
  PrepaidLot: isBillingHolder,
  PrepaidLotConnection: isBillingHolder,
  PrepaidLotEdge: isBillingHolder,
  Usage: isBillingHolder,
  UsageConnection: isBillingHolder,
  UsageEdge: isBillingHolder,
  Payment: isBillingHolder,
  PaymentConnection: isBillingHolder,
  PaymentEdge: isBillingHolder,
  PageInfo: isBillingHolder,
  PaymentOrder: isBillingHolder,
  Receipt: isBillingHolder,
};
