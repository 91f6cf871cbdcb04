import { badUserInput, businessNumberCheckDigitValid, normalizeBusinessNumber } from '@econtract/server-kit';

export function requireText(value: string | null | undefined, field: string, label: string, max: number): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw badUserInput(`${label} is required.`, { field });
  if (trimmed.length > max) throw badUserInput(`${label} can have at most ${max} characters.`, { field });
  return trimmed;
}

export function requireEmail(value: string, field = 'email'): string {
  const email = value.trim();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badUserInput('Enter a valid email address.', { field });
  return email;
}

/** Korean mobile numbers: 010-1234-5678, 01012345678, … → digits only. */
export function requirePhone(value: string, field = 'phone'): string {
  const digits = value.trim().replace(/[\s-]/g, '');
  if (!/^01[016789]\d{7,8}$/.test(digits)) throw badUserInput('Enter a mobile number such as 010-1234-5678.', { field });
  return digits;
}

export function requireBusinessNumber(value: string): string {
  const digits = normalizeBusinessNumber(value);
  if (!digits) throw badUserInput('Enter the business registration number as XXX-XX-XXXXX or 10 digits.', { field: 'businessNumber' });
  if (!businessNumberCheckDigitValid(digits)) throw badUserInput('This business registration number is not valid: check the digits.', { field: 'businessNumber' });
  return digits;
}
