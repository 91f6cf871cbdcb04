import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { Account } from './account.entity.ts';
import type { IdentityContext } from '../context.ts';

async function lookupAccounts({ accountIds }: { accountIds: string[] }, ctx: IdentityContext) {
  if (!accountIds.length) return [];
  const accounts = await ctx.em.find(Account, { id: { $in: [...new Set(accountIds)] } });
  return accounts.map((account) => ({
    id: account.id,
    loginId: account.loginId,
    name: account.name,
    email: account.email,
    phone: account.phone,
    emailVerified: account.emailVerifiedAt !== null,
    companyId: account.companyId,
  }));
}

/** Verified accounts by email (case-insensitive), e.g. a contract's addressees on the service. */
async function accountsByEmail({ emails }: { emails: string[] }, ctx: IdentityContext) {
  const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
  if (!wanted.length) return [];
  const rows = await ctx.em.execute<Array<{ id: string; email: string; company_id: string | null }>>(
    `select "id", "email", "company_id" from "identity"."account" where lower("email") in (${wanted.map(() => '?').join(', ')}) and "email_verified_at" is not null order by "created_at", "id"`,
    wanted,
  );
  return rows.map((row) => ({ id: row.id, email: row.email.toLowerCase(), companyId: row.company_id }));
}

export const accountRoutes = internalRouter({
  /** Documents, when a contract is sent: which addressees have (verified) accounts; oldest account first. */
  byEmail: internalProcedure.input(z.object({ emails: z.array(z.string().max(320)).max(1000) })).query(({ input, ctx }) => accountsByEmail(input, ctx)),
  /** Accounts by id, for showing staff lists (login ID, name, email, phone, verified); unknown ids are left out. */
  lookup: internalProcedure.input(z.object({ accountIds: z.array(z.uuid()).max(1000) })).query(({ input, ctx }) => lookupAccounts(input, ctx)),
});
