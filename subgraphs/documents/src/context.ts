import type { SubgraphContext } from '@econtract/server-kit';

export const createDocumentsLoaders = () => ({});
export type DocumentsLoaders = ReturnType<typeof createDocumentsLoaders>;
export type DocumentsContext = SubgraphContext<DocumentsLoaders>;
