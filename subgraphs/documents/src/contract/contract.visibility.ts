import { Grade, type Viewer } from '@econtract/server-kit';

export interface SqlPart {
  sql: string;
  params: unknown[];
}

export const inList = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * R-STAFF-4, the one visibility rule for contracts, as SQL over a filing `f` joined to its contract
 * `c` (every list, lookup, count and `_entities` reference uses it): never another company's filing
 * nor a deleted contract; the total admin sees the whole company (both boxes); a department manager
 * their own plus those owned by a department in their scope (their department and its
 * sub-departments); staff their own plus their department's; an individual member their own. The
 * chosen approver also sees a contract waiting for them, whatever their department.
 */
export function visibleFiling(viewer: Viewer | null, f = 'f', c = 'c'): SqlPart {
  const member = viewer?.member;
  if (!viewer || !member?.active) return { sql: 'false', params: [] };
  const base = `${f}."company_id" = ? and ${c}."deleted_at" is null`;
  if (member.grade === Grade.TOTAL_ADMIN) return { sql: `(${base})`, params: [member.companyId] };
  const own = [`${f}."owner_id" = ?`, `(${f}."box" = 'SENT' and ${c}."approver_id" = ?)`];
  const params: unknown[] = [member.companyId, viewer.userId, viewer.userId];
  const scope = member.grade === Grade.INDIVIDUAL ? [] : member.departmentScope;
  if (scope.length) {
    own.push(`${f}."owner_department_id" in (${inList(scope)})`);
    params.push(...scope);
  }
  return { sql: `(${base} and (${own.join(' or ')}))`, params };
}
