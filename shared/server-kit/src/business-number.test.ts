import { describe, expect, it } from 'vitest';
import { businessNumberCheckDigitValid, formatBusinessNumber, normalizeBusinessNumber } from './business-number.ts';

describe('business registration numbers (R-SIGNUP-2)', () => {
  it('accepts XXX-XX-XXXXX or 10 digits, nothing else', () => {
    expect(normalizeBusinessNumber('123-45-67891')).toBe('1234567891');
    expect(normalizeBusinessNumber(' 1234567891 ')).toBe('1234567891');
    for (const bad of ['12345-67891', '123-456-7891', '123456789', '12345678912', '123-45-6789a', '１２３４５６７８９１'])
      expect(normalizeBusinessNumber(bad)).toBeNull();
  });

  it('checks the check digit, including the carry of the ninth digit', () => {
    expect(businessNumberCheckDigitValid('1234567891')).toBe(true);
    expect(businessNumberCheckDigitValid('1234567890')).toBe(false);
    // Ninth digit 9: 9 × 5 = 45, carry 4 — a sum without the carry would give check digit 3.
    expect(businessNumberCheckDigitValid('1010101099')).toBe(true);
    expect(businessNumberCheckDigitValid('1010101093')).toBe(false);
    // Every other last digit of a valid number fails.
    for (let digit = 0; digit < 10; digit++) expect(businessNumberCheckDigitValid(`123456789${digit}`)).toBe(digit === 1);
  });

  it('formats as XXX-XX-XXXXX', () => {
    expect(formatBusinessNumber('1234567891')).toBe('123-45-67891');
  });
});
