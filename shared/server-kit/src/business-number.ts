/** R-SIGNUP-2: digits of a business registration number typed as `XXX-XX-XXXXX` or 10 digits; null if neither. */
export function normalizeBusinessNumber(input: string): string | null {
  const trimmed = input.trim();
  if (/^\d{10}$/.test(trimmed)) return trimmed;
  const match = /^(\d{3})-(\d{2})-(\d{5})$/.exec(trimmed);
  return match ? `${match[1]}${match[2]}${match[3]}` : null;
}

const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** The check digit of the first nine: their weighted sum plus the carry of the ninth × 5 / 10, made a multiple of 10. */
export function businessNumberCheckDigit(firstNine: string): number {
  const d = [...firstNine].map(Number);
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * d[i]!, 0) + Math.floor((d[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

export function businessNumberCheckDigitValid(digits: string): boolean {
  return /^\d{10}$/.test(digits) && businessNumberCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** No tax office 000, business type 00 or serial 0000 is ever issued (e.g. 000-00-00000 has a "valid" check digit). */
export function businessNumberPartsPossible(digits: string): boolean {
  return /^\d{10}$/.test(digits) && digits.slice(0, 3) !== '000' && digits.slice(3, 5) !== '00' && digits.slice(5, 9) !== '0000';
}

export const formatBusinessNumber = (digits: string) => `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
