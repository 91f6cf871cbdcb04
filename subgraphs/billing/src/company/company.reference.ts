import { companyOf } from '@econtract/server-kit';
import type { BillingContext } from '../context.ts';
import { Company } from './company.type.ts';

/** `_entities` skips shield: billing answers for the viewer's own company only. */
export function resolveCompanyReference(reference: { id?: unknown; name?: unknown; businessNumber?: unknown }, ctx: BillingContext): Company | null {
  if (typeof reference.id !== 'string' || reference.id !== companyOf(ctx.viewer)) return null;
  // name and businessNumber arrive from organization when a field @requires them.
  return Object.assign(new Company(), {
    id: reference.id,
    name: typeof reference.name === 'string' ? reference.name : null,
    businessNumber: typeof reference.businessNumber === 'string' ? reference.businessNumber : null,
  });
}
