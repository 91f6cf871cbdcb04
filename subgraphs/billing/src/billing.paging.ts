import { badUserInput, isUuid } from '@econtract/server-kit';

/** `first` of a list page: 1 … max, anything else is refused rather than silently clamped. */
export function pageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badUserInput(`first must be between 1 and ${max}.`);
  return first;
}

/** `after` of a list page: the id of the last item of the previous page. */
export function cursor(after: string | null | undefined): string | null {
  if (after == null) return null;
  if (!isUuid(after)) throw badUserInput('after must be the id of an item from the previous page.');
  return after.toLowerCase();
}
