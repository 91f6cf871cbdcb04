import { and, forbidden, Grade, isCompanyMember, msg, rule, UploadKind, type SubgraphContext } from '@econtract/server-kit';

/** Any active company member may prepare a contract or template upload; a seal image is the total admin's (R-SEAL-1). */
export const mayPrepareUpload = and(
  isCompanyMember,
  rule({ cache: 'strict' })((_parent, args: { kind?: string }, ctx: SubgraphContext) =>
    args.kind !== UploadKind.SEAL_IMAGE || ctx.viewer?.member?.grade === Grade.TOTAL_ADMIN
      ? true
      : forbidden(msg("Only the total admin can upload the company's seal.", '회사 인감은 총괄관리자만 올릴 수 있습니다.')),
  ),
);
