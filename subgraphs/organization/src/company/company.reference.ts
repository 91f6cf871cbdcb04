import { companyOf } from '@econtract/server-kit';
import type { OrganizationContext } from '../context.ts';
import type { Company } from './company.entity.ts';

/** `_entities` skips shield: a company is visible to its own members only (operators see accounts, not companies). */
export async function resolveCompanyReference(reference: { id?: unknown }, ctx: OrganizationContext): Promise<Company | null> {
  if (typeof reference.id !== 'string') return null;
  if (reference.id !== companyOf(ctx.viewer)) return null;
  return ctx.loaders.companyById.load(reference.id);
}
