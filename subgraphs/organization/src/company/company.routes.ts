import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import type { OrganizationContext } from '../context.ts';
import { Company } from './company.entity.ts';

async function lookupCompanies({ companyIds }: { companyIds: string[] }, ctx: OrganizationContext) {
  if (!companyIds.length) return [];
  const companies = await ctx.em.find(Company, { id: { $in: [...new Set(companyIds)] } });
  return companies.map((company) => ({ id: company.id, name: company.name, businessNumber: company.businessNumber }));
}

/** R-COMPANY-1,2 for documents: the defaults a new contract takes; null for an unknown company. */
async function contractSettings({ companyId }: { companyId: string }, ctx: OrganizationContext) {
  const company = await ctx.em.findOne(Company, { id: companyId });
  return company ? { name: company.name, internalApproval: company.internalApproval, contractNumbering: company.contractNumbering } : null;
}

export const companyRoutes = internalRouter({
  /** Documents, when a contract is written: internal approval on/off and automatic or manual numbers. */
  contractSettings: internalProcedure.input(z.object({ companyId: z.uuid() })).query(({ input, ctx }) => contractSettings(input, ctx)),
  /** Names and business numbers for other services (e.g. the buyer on a receipt). */
  lookup: internalProcedure.input(z.object({ companyIds: z.array(z.uuid()).max(1000) })).query(({ input, ctx }) => lookupCompanies(input, ctx)),
});
