/** Korea Standard Time is UTC+9 all year (no DST), so a fixed offset is exact. */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * When a lot bought or granted at `grantedAt`, with a plan valid `validityMonths` calendar months,
 * stops being usable: 00:00 Asia/Seoul of the day after its last usable day. The last usable day is
 * the grant's calendar date in Asia/Seoul plus `validityMonths` months, the day clamped to the end
 * of the target month (granted 2026-01-31 15:00 KST, 1 month → last usable day 2026-02-28 →
 * expires 2026-03-01T00:00+09:00). See the billing README.
 */
export function lotExpiresAt(grantedAt: Date, validityMonths: number): Date {
  if (Number.isNaN(grantedAt.getTime())) throw new RangeError('grantedAt is not a valid date.');
  if (!Number.isInteger(validityMonths) || validityMonths < 1) throw new RangeError(`validityMonths must be a positive integer, got ${validityMonths}.`);
  // Shifted by +9 h, the UTC calendar fields read as the Seoul wall clock.
  const seoul = new Date(grantedAt.getTime() + KST_OFFSET_MS);
  const year = seoul.getUTCFullYear();
  const month = seoul.getUTCMonth() + validityMonths; // Date.UTC carries months past 11 into the year
  const daysInTargetMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lastUsableDay = Math.min(seoul.getUTCDate(), daysInTargetMonth);
  // Midnight (Seoul) after the last usable day, shifted back to a real instant.
  return new Date(Date.UTC(year, month, lastUsableDay + 1) - KST_OFFSET_MS);
}
