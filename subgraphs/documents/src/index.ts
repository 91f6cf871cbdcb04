import type { SubgraphDefinition } from '@econtract/server-kit';
import { DocumentCategory, DocumentCategoryChange } from './category/document-category.entity.ts';
import { DocumentCategoryChangeResolver, DocumentCategoryResolver } from './category/document-category.resolver.ts';
import { createDocumentsLoaders, type DocumentsLoaders } from './context.ts';
import { startCompletionSweeper } from './contract/contract.completion.ts';
import { ContractBulkResolver } from './contract/contract.bulk.ts';
import { resolveContractReference } from './contract/contract.reference.ts';
import { ContractApprovalResolver, ContractResolver } from './contract/contract.resolver.ts';
import { documentsPermissions } from './rules.ts';
import { migrations } from './migrations/index.ts';
import { seedDemoDocuments } from './seed.ts';
import { ContractTemplate } from './template/contract-template.entity.ts';
import { ContractTemplateResolver } from './template/contract-template.resolver.ts';

/** Categories, templates, contracts and their numbers, seals, signing certificates. */
export const documents: SubgraphDefinition<DocumentsLoaders> = {
  name: 'documents',
  entities: [DocumentCategory, DocumentCategoryChange, ContractTemplate],
  migrations,
  resolvers: [DocumentCategoryResolver, DocumentCategoryChangeResolver, ContractTemplateResolver, ContractResolver, ContractApprovalResolver, ContractBulkResolver],
  references: { Contract: resolveContractReference },
  permissions: documentsPermissions,
  createLoaders: createDocumentsLoaders,
  seedDemo: seedDemoDocuments,
  background: startCompletionSweeper,
};
