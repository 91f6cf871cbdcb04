import { badUserInput, isUuid, msg } from '@econtract/server-kit';

/** `first` of a list page: 1 … max, anything else is refused rather than silently clamped. */
export function pageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badUserInput(msg(`first must be between 1 and ${max}.`, `first는 1에서 ${max} 사이여야 합니다.`));
  return first;
}

/** `after` of a list page: the id of the last item of the previous page. */
export function cursor(after: string | null | undefined): string | null {
  if (after == null) return null;
  if (!isUuid(after)) throw badUserInput(msg('after must be the id of an item from the previous page.', 'after에는 이전 페이지에 있던 항목의 ID를 넣어 주세요.'));
  return after.toLowerCase();
}
