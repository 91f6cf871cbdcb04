import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import type { OrganizationContext } from '../context.ts';
import { Company } from './company.entity.ts';

async function lookupCompanies({ companyIds }: { companyIds: string[] }, ctx: OrganizationContext) {
  if (!companyIds.length) return [];
  const companies = await ctx.em.find(Company, { id: { $in: [...new Set(companyIds)] } });
  return companies.map((company) => ({ id: company.id, name: company.name, businessNumber: company.businessNumber }));
}

export const companyRoutes = internalRouter({
  /** Names and business numbers for other services (e.g. the buyer on a receipt). */
  lookup: internalProcedure
    .input(z.object({ companyIds: z.array(z.uuid()).max(1000) }))
    .query(({ input, ctx }) => lookupCompanies(input, ctx)),
});
