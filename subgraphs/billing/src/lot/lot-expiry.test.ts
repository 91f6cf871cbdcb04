import { describe, expect, it } from 'vitest';
import { lotExpiresAt } from './lot-expiry.ts';

const expiry = (grantedAt: string, months: number) => lotExpiresAt(new Date(grantedAt), months).toISOString();

describe('lot expiry: 00:00 Asia/Seoul after the last usable day', () => {
  it('clamps the day to the end of a shorter month (Jan 31 → Feb 28)', () => {
    expect(expiry('2026-01-31T15:00:00+09:00', 1)).toBe(new Date('2026-03-01T00:00:00+09:00').toISOString());
    expect(expiry('2026-01-31T15:00:00+09:00', 1)).toBe('2026-02-28T15:00:00.000Z');
  });

  it('clamps to Feb 29 in a leap year (2028)', () => {
    expect(expiry('2028-01-31T10:00:00+09:00', 1)).toBe(new Date('2028-03-01T00:00:00+09:00').toISOString());
    expect(expiry('2027-11-30T10:00:00+09:00', 3)).toBe(new Date('2028-03-01T00:00:00+09:00').toISOString());
  });

  it('counts the Seoul date of a grant at 23:30 KST, and expires at Seoul midnight, not UTC midnight', () => {
    // 2026-04-30 23:30 KST: last usable day 2026-05-30.
    expect(expiry('2026-04-30T23:30:00+09:00', 1)).toBe(new Date('2026-05-31T00:00:00+09:00').toISOString());
    // 2026-05-01 00:30 KST is still April 30 in UTC; the Seoul date (May 1) counts.
    expect(expiry('2026-05-01T00:30:00+09:00', 1)).toBe(new Date('2026-06-02T00:00:00+09:00').toISOString());
    // A minute before Seoul midnight and a minute after it fall on different days.
    expect(expiry('2026-03-31T23:59:00+09:00', 1)).toBe(new Date('2026-05-01T00:00:00+09:00').toISOString());
    expect(expiry('2026-04-01T00:01:00+09:00', 1)).toBe(new Date('2026-05-02T00:00:00+09:00').toISOString());
  });

  it('runs 12 months (paid plans) across the year, clamping Feb 29 to Feb 28', () => {
    expect(expiry('2026-11-24T09:00:00+09:00', 12)).toBe(new Date('2027-11-25T00:00:00+09:00').toISOString());
    expect(expiry('2028-02-29T12:00:00+09:00', 12)).toBe(new Date('2029-03-01T00:00:00+09:00').toISOString());
  });

  it('runs 3 months (event plans), across a year end and clamping the day', () => {
    expect(expiry('2026-05-15T12:00:00+09:00', 3)).toBe(new Date('2026-08-16T00:00:00+09:00').toISOString());
    expect(expiry('2026-11-30T12:00:00+09:00', 3)).toBe(new Date('2027-03-01T00:00:00+09:00').toISOString());
    expect(expiry('2026-12-31T12:00:00+09:00', 3)).toBe(new Date('2027-04-01T00:00:00+09:00').toISOString());
  });

  it('refuses a validity that is not a positive whole number of months, and an invalid date', () => {
    expect(() => lotExpiresAt(new Date('2026-01-01T00:00:00Z'), 0)).toThrow(RangeError);
    expect(() => lotExpiresAt(new Date('2026-01-01T00:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => lotExpiresAt(new Date('not a date'), 1)).toThrow(RangeError);
  });
});
