import { Grade, type PermissionFlag, type Viewer } from '@econtract/server-kit';
import { ContractBox, type Contract, type ContractPermissions } from './contract.type.ts';

export type ContractAction = Exclude<PermissionFlag, 'write'>;

/**
 * R-PERM-1, the one rule for acting on a visible contract (mutations and `viewerCan` both call it):
 * the owner of the filing (the author, or the addressee of a received one), the total admin and an
 * individual member (alone in their workspace) always may; anyone else needs the extra permission.
 * A received contract belongs to its sender: its receiver may only file it (`edit` of the filing).
 */
export function allows(viewer: Viewer | null, contract: Contract, action: ContractAction): boolean {
  const member = viewer?.member;
  if (!viewer || !member?.active || member.companyId !== contract.filingCompanyId) return false;
  if (contract.box === ContractBox.RECEIVED && action !== 'edit') return false;
  if (member.grade === Grade.TOTAL_ADMIN || member.grade === Grade.INDIVIDUAL) return true;
  if (contract.ownerId === viewer.userId) return true;
  return member.permissions[action];
}

export const permissionsOn = (viewer: Viewer | null, contract: Contract): ContractPermissions => ({
  edit: allows(viewer, contract, 'edit'),
  delete: allows(viewer, contract, 'delete'),
  sign: allows(viewer, contract, 'sign'),
  discard: allows(viewer, contract, 'discard'),
});

/** R-PERM-1 "write": creating contracts (and, later, bulk issuance). */
export function mayWrite(viewer: Viewer | null): boolean {
  const member = viewer?.member;
  if (!member?.active) return false;
  return member.grade === Grade.TOTAL_ADMIN || member.grade === Grade.INDIVIDUAL || member.permissions.write;
}
