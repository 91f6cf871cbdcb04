import type { SubgraphDefinition } from '@econtract/server-kit';
import { DocumentCategory } from './category/document-category.entity.ts';
import { DocumentCategoryResolver } from './category/document-category.resolver.ts';
import { createDocumentsLoaders, type DocumentsLoaders } from './context.ts';
import { documentsPermissions } from './rules.ts';
import { migrations } from './migrations/index.ts';
import { StoredFile } from './upload/stored-file.entity.ts';
import { mountFileRoutes } from './upload/upload.http.ts';
import { UploadResolver } from './upload/upload.resolver.ts';
import { startUploadSweeper } from './upload/upload.service.ts';

/** Categories, templates, contracts and their numbers, seals, signing certificates. */
export const documents: SubgraphDefinition<DocumentsLoaders> = {
  name: 'documents',
  entities: [DocumentCategory, StoredFile],
  migrations,
  resolvers: [DocumentCategoryResolver, UploadResolver],
  permissions: documentsPermissions,
  createLoaders: createDocumentsLoaders,
  httpRoutes: mountFileRoutes,
  background: startUploadSweeper,
};
