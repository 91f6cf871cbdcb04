import type { SubgraphDefinition } from '@econtract/server-kit';
import { DocumentCategory } from './category/document-category.entity.ts';
import { DocumentCategoryResolver } from './category/document-category.resolver.ts';
import { createDocumentsLoaders, type DocumentsLoaders } from './context.ts';
import { documentsPermissions } from './rules.ts';
import { migrations } from './migrations/index.ts';

/** Categories, templates, contracts and their numbers, seals, signing certificates. */
export const documents: SubgraphDefinition<DocumentsLoaders> = {
  name: 'documents',
  entities: [DocumentCategory],
  migrations,
  resolvers: [DocumentCategoryResolver],
  permissions: documentsPermissions,
  createLoaders: createDocumentsLoaders,
};
