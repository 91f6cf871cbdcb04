import { badUserInput, businessNumberCheckDigitValid, businessNumberPartsPossible, msg, normalizeBusinessNumber } from '@econtract/server-kit';

/** `label` names the field for the person: [English, Korean]. */
export function requireText(value: string | null | undefined, field: string, label: [string, string], max: number): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw badUserInput(msg(`${label[0]} is required.`, `${label[1]}을(를) 입력해 주세요.`), { field });
  if (trimmed.length > max)
    throw badUserInput(msg(`${label[0]} can have at most ${max} characters.`, `${label[1]}은(는) ${max}자 이하여야 합니다.`), { field });
  return trimmed;
}

export function requireEmail(value: string, field = 'email'): string {
  const email = value.trim();
  // \s does not cover every control character (e.g. U+0001), which has no place in an address.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  if (email.length > 254 || /[\u0000-\u001f\u007f-\u009f]/.test(email) || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw badUserInput(msg('Enter a valid email address.', '올바른 이메일 주소를 입력해 주세요.'), { field });
  return email;
}

/** Korean mobile numbers: 010-1234-5678, 01012345678, … → digits only. */
export function requirePhone(value: string, field = 'phone'): string {
  const digits = value.trim().replace(/[\s-]/g, '');
  if (!/^01[016789]\d{7,8}$/.test(digits))
    throw badUserInput(msg('Enter a mobile number such as 010-1234-5678.', '010-1234-5678 형식의 휴대폰 번호를 입력해 주세요.'), { field });
  return digits;
}

export function requireBusinessNumber(value: string): string {
  const digits = normalizeBusinessNumber(value);
  if (!digits)
    throw badUserInput(
      msg('Enter the business registration number as XXX-XX-XXXXX or 10 digits.', '사업자등록번호를 XXX-XX-XXXXX 형식 또는 숫자 10자리로 입력해 주세요.'),
      { field: 'businessNumber' },
    );
  if (!businessNumberCheckDigitValid(digits) || !businessNumberPartsPossible(digits))
    throw badUserInput(msg('This business registration number is not valid: check the digits.', '유효하지 않은 사업자등록번호입니다. 번호를 확인해 주세요.'), {
      field: 'businessNumber',
    });
  return digits;
}
