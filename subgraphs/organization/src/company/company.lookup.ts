import { companiesLookupRequest, parseContract } from '@econtract/server-kit';
import type { OrganizationContext } from '../context.ts';
import { Company } from './company.entity.ts';

/** `companies/lookup`: names and business numbers for other services (e.g. the buyer on a receipt). */
export async function companiesLookup(body: unknown, ctx: OrganizationContext) {
  const { companyIds } = parseContract(companiesLookupRequest, body);
  if (!companyIds.length) return [];
  const companies = await ctx.em.find(Company, { id: { $in: [...new Set(companyIds)] } });
  return companies.map((company) => ({ id: company.id, name: company.name, businessNumber: company.businessNumber }));
}
