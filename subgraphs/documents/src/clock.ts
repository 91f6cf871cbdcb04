/** The one clock documents reads "now" from; tests replace `now` to cross a Seoul month boundary. */
export const clock = { now: (): Date => new Date() };

const seoulMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit' });

/** `YYYY-MM` of the instant in Korea (R-NUM-1): 2026-01-31T15:00Z is 2026-02. */
export function seoulPeriod(at: Date): string {
  const parts = Object.fromEntries(seoulMonth.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}`;
}
