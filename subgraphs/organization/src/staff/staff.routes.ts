import { Grade, internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import type { OrganizationContext } from '../context.ts';
import { lookupAccounts } from './staff.service.ts';

/** R-STAFF-3: may this person be a contract's approver in this company? The same test as `approvers`: active, approval authority, email verified. */
async function approverCheck({ companyId, userId }: { companyId: string; userId: string }, ctx: OrganizationContext) {
  const rows = await ctx.em.execute<Array<{ user_id: string }>>(
    `select "user_id" from "organization"."staff_profile" where "user_id" = ? and "company_id" = ? and "active" and "approval_authority" and "grade" <> ?`,
    [userId, companyId, Grade.INDIVIDUAL],
  );
  if (rows.length !== 1) return { eligible: false };
  const account = (await lookupAccounts(ctx, [userId])).get(userId);
  return { eligible: account?.emailVerified === true };
}

/** Where people belong: company, department and active flag; unknown ids are left out. */
async function memberPlaces({ userIds }: { userIds: string[] }, ctx: OrganizationContext) {
  if (!userIds.length) return [];
  const ids = [...new Set(userIds)];
  const rows = await ctx.em.execute<Array<{ user_id: string; company_id: string; department_id: string | null; active: boolean }>>(
    `select "user_id", "company_id", "department_id", "active" from "organization"."staff_profile" where "user_id" in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return rows.map((row) => ({ userId: row.user_id, companyId: row.company_id, departmentId: row.department_id, active: row.active }));
}

export const staffRoutes = internalRouter({
  /** Documents, when an approver is chosen and again when they decide. */
  approverCheck: internalProcedure.input(z.object({ companyId: z.uuid(), userId: z.uuid() })).query(({ input, ctx }) => approverCheck(input, ctx)),
  /** Documents, when a contract is sent: the addressees' companies and departments (its received box). */
  places: internalProcedure.input(z.object({ userIds: z.array(z.uuid()).max(1000) })).query(({ input, ctx }) => memberPlaces(input, ctx)),
});
