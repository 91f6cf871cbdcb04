import { z } from 'zod';
import { PlanKind } from './plan.entity.ts';

/**
 * Default catalogue; the manual names the plans but no prices or counts (see README).
 * PLAN_CATALOGUE_JSON replaces it with the same shape.
 */
export const DEFAULT_CATALOGUE = [
  { code: 'SOHO', name: '소호형', kind: PlanKind.PAID, contractCount: 30, priceKrw: 99_000, validityMonths: 12, purchasable: true },
  { code: 'BUSINESS', name: '비즈니스형', kind: PlanKind.PAID, contractCount: 300, priceKrw: 660_000, validityMonths: 12, purchasable: true },
  { code: 'FREE_PASS', name: '무료이용권', kind: PlanKind.FREE_PASS, contractCount: 5, priceKrw: 0, validityMonths: 1, purchasable: false },
  { code: 'SIGNUP_EVENT', name: '신규가입 이벤트', kind: PlanKind.EVENT, contractCount: 10, priceKrw: 0, validityMonths: 3, purchasable: false },
  { code: 'REFERRAL_EVENT', name: '추천인 이벤트', kind: PlanKind.EVENT, contractCount: 10, priceKrw: 0, validityMonths: 3, purchasable: false },
];

const catalogueSchema = z
  .array(
    z.object({
      code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/),
      name: z.string().min(1),
      kind: z.enum(PlanKind),
      contractCount: z.number().int().positive(),
      priceKrw: z.number().int().min(0),
      validityMonths: z.number().int().min(1).max(120),
      purchasable: z.boolean(),
    }),
  )
  .min(1);

export type CatalogueEntry = z.infer<typeof catalogueSchema>[number];

export function planCatalogue(json = process.env.PLAN_CATALOGUE_JSON): CatalogueEntry[] {
  return json ? catalogueSchema.parse(JSON.parse(json)) : DEFAULT_CATALOGUE;
}
