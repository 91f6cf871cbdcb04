import { allow, and, forbidden, Grade, isCompanyMember, msg, rule, unauthenticated, type PermissionRules } from '@econtract/server-kit';
import { mayWrite } from './contract/contract.permissions.ts';
import type { DocumentsContext } from './context.ts';
import { mayPrepareUpload } from './upload/upload.rules.ts';

/** R-CAT-4: categories are managed by the total admin (and by an individual member, alone in their workspace). */
export const canManageCategories = rule({ cache: 'contextual' })((_parent, _args, ctx: DocumentsContext) => {
  if (!ctx.viewer) return unauthenticated();
  const member = ctx.viewer.member;
  if (member?.active && (member.grade === Grade.TOTAL_ADMIN || member.grade === Grade.INDIVIDUAL)) return true;
  return forbidden(msg('Only the total admin manages document categories.', '문서분류는 총괄관리자만 관리할 수 있습니다.'));
});

/** R-PERM-1 "write": writing contracts, and managing the templates they are written from. */
export const canWrite = rule({ cache: 'contextual' })((_parent, _args, ctx: DocumentsContext) => {
  if (!ctx.viewer) return unauthenticated();
  return mayWrite(ctx.viewer)
    ? true
    : forbidden(
        msg('Writing contracts needs the write permission: ask the total admin.', '계약서를 작성하려면 작성 권한이 필요합니다. 총괄관리자에게 요청해 주세요.'),
      );
});

// Contract mutations check visibility and the extra permissions themselves (contract.permissions.ts), since they depend on the row.
export const documentsPermissions: PermissionRules = {
  Query: {
    documentCategories: isCompanyMember,
    documentCategory: isCompanyMember,
    contractTemplates: isCompanyMember,
    contractTemplate: isCompanyMember,
    contracts: isCompanyMember,
    contract: isCompanyMember,
  },
  Mutation: {
    createDocumentCategory: canManageCategories,
    updateDocumentCategory: canManageCategories,
    deleteDocumentCategories: canManageCategories,
    createContractTemplate: and(isCompanyMember, canWrite),
    updateContractTemplate: and(isCompanyMember, canWrite),
    deleteContractTemplate: and(isCompanyMember, canWrite),
    createContract: and(isCompanyMember, canWrite),
    createContractsInBulk: and(isCompanyMember, canWrite),
    updateContract: isCompanyMember,
    setContractCategory: isCompanyMember,
    requestApproval: isCompanyMember,
    approveContract: isCompanyMember,
    rejectContract: isCompanyMember,
    sendContract: isCompanyMember,
    completeContract: isCompanyMember,
    cancelContract: isCompanyMember,
    discardContract: isCompanyMember,
    deleteContract: isCompanyMember,
    prepareUpload: mayPrepareUpload,
  },
  DocumentCategory: { '*': isCompanyMember, history: canManageCategories },
  DocumentCategoryChange: canManageCategories,
  ContractTemplate: isCompanyMember,
  ContractTemplateConnection: isCompanyMember,
  ContractTemplateEdge: isCompanyMember,
  SignatureField: isCompanyMember,
  Contract: isCompanyMember,
  ContractConnection: isCompanyMember,
  ContractEdge: isCompanyMember,
  ContractParty: isCompanyMember,
  ContractApproval: isCompanyMember,
  ContractPermissions: isCompanyMember,
  PageInfo: isCompanyMember,
  User: isCompanyMember,
  Department: isCompanyMember,
  PreparedUpload: allow,
  BodyPdf: isCompanyMember,
};
