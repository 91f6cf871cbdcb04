import { allow, isCompanyMember, type PermissionRules } from '@econtract/server-kit';
import { mayPrepareUpload } from './upload/upload.rules.ts';

export const documentsPermissions: PermissionRules = {
  Query: { documentCategories: isCompanyMember },
  DocumentCategory: allow,
  Mutation: { prepareUpload: mayPrepareUpload },
  PreparedUpload: allow,
};
