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

export const accountRoutes = internalRouter({
  /** Accounts by id, for showing staff lists (login ID, name, email, phone, verified); unknown ids are left out. */
  lookup: internalProcedure
    .input(z.object({ accountIds: z.array(z.uuid()).max(1000) }))
    .query(({ input, ctx }) => lookupAccounts(input, ctx)),
});
