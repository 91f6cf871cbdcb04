import { LotStatus, type PrepaidLot } from './prepaid-lot.entity.ts';

/** R-BILL-4: a lot can be deducted from while it is unexpired (`now < expiresAt`) and has units left. */
export const lotStatus = (lot: Pick<PrepaidLot, 'expiresAt' | 'usedCount' | 'chargedCount'>, now: Date): LotStatus => {
  if (lot.expiresAt.getTime() <= now.getTime()) return LotStatus.EXPIRED;
  return lot.usedCount >= lot.chargedCount ? LotStatus.EXHAUSTED : LotStatus.ACTIVE;
};

export const isUsable = (lot: PrepaidLot, now: Date) => lotStatus(lot, now) === LotStatus.ACTIVE;

/** The same rule in SQL, for a `prepaid_lot` row (alias-free). */
export const USABLE_LOT_SQL = `"expires_at" > now() and "used_count" < "charged_count"`;
