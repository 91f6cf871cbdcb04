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
import { StoredFile } from './upload/stored-file.entity.ts';
import { mountFileRoutes } from './upload/upload.http.ts';
import { UploadResolver } from './upload/upload.resolver.ts';
import { startUploadSweeper } from './upload/upload.service.ts';

/** Categories, templates, contracts and their numbers, seals, signing certificates. */
export const documents: SubgraphDefinition<DocumentsLoaders> = {
  name: 'documents',
  entities: [DocumentCategory, DocumentCategoryChange, ContractTemplate, StoredFile],
  migrations,
  resolvers: [
    DocumentCategoryResolver,
    DocumentCategoryChangeResolver,
    ContractTemplateResolver,
    ContractResolver,
    ContractApprovalResolver,
    ContractBulkResolver,
    UploadResolver,
  ],
  references: { Contract: resolveContractReference },
  permissions: documentsPermissions,
  createLoaders: createDocumentsLoaders,
  seedDemo: seedDemoDocuments,
  httpRoutes: mountFileRoutes,
  // Two sweepers (completions to settle, unclaimed uploads to free), started and stopped together.
  background: (running) => {
    const stops = [startCompletionSweeper(running), startUploadSweeper(running)];
    return () => {
      for (const stop of stops) stop();
    };
  },
};
