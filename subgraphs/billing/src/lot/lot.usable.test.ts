import { describe, expect, it } from 'vitest';
import { lotStatus } from './lot.usable.ts';
import { LotStatus } from './prepaid-lot.entity.ts';

const now = new Date('2026-06-01T00:00:00+09:00');
const lot = (expiresAt: string, usedCount: number, chargedCount: number) => ({ expiresAt: new Date(expiresAt), usedCount, chargedCount });

describe('lot status (R-BILL-4, R-BILL-5)', () => {
  it('is ACTIVE while unexpired with units left', () => {
    expect(lotStatus(lot('2026-06-01T00:00:01+09:00', 0, 10), now)).toBe(LotStatus.ACTIVE);
    expect(lotStatus(lot('2027-01-01T00:00:00+09:00', 9, 10), now)).toBe(LotStatus.ACTIVE);
  });

  it('is EXHAUSTED when every unit is used', () => {
    expect(lotStatus(lot('2027-01-01T00:00:00+09:00', 10, 10), now)).toBe(LotStatus.EXHAUSTED);
  });

  it('is EXPIRED from the expiry instant on, whatever is left', () => {
    expect(lotStatus(lot('2026-06-01T00:00:00+09:00', 0, 10), now)).toBe(LotStatus.EXPIRED);
    expect(lotStatus(lot('2026-05-31T23:59:59+09:00', 10, 10), now)).toBe(LotStatus.EXPIRED);
  });
});
