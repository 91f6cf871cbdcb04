import { companyOf, groupLoader, rowLoader, type EntityManager, type SubgraphContext, type Viewer } from '@econtract/server-kit';
import { DocumentCategory, DocumentCategoryChange } from './category/document-category.entity.ts';
import { CONTRACT_COLUMNS, contractFromRow } from './contract/contract.type.ts';
import { inList, visibleFiling } from './contract/contract.visibility.ts';
import { ContractTemplate } from './template/contract-template.entity.ts';
import { StoredFile } from './upload/stored-file.entity.ts';

/** Matches no company: loaders of a viewer without one (operator, anonymous) find nothing. */
const NO_COMPANY = '00000000-0000-0000-0000-000000000000';

export const createDocumentsLoaders = (em: EntityManager, viewer: Viewer | null) => {
  // Categories and templates are read only within the viewer's company, contracts only through the visibility rule, in SQL.
  const companyId = companyOf(viewer) ?? NO_COMPANY;
  const visible = visibleFiling(viewer);
  const countBy = async (sql: string, ids: string[], params: unknown[]) => {
    const rows = await em.execute<Array<{ key: string; count: string }>>(sql, params);
    const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
    return ids.map((id) => ({ id, count: counts.get(id) ?? 0 }));
  };
  return {
    categoryById: rowLoader(
      (ids: string[]) => em.find(DocumentCategory, { id: { $in: ids }, companyId }),
      (category) => category.id,
    ),
    templateById: rowLoader(
      (ids: string[]) => em.find(ContractTemplate, { id: { $in: ids }, companyId }),
      (template) => template.id,
    ),
    /** Only ever loaded for a PDF body of a contract or template the viewer can already see (a received contract's file is the sender company's). */
    storedFileById: rowLoader(
      (ids: string[]) => em.find(StoredFile, { id: { $in: ids } }),
      (file) => file.id,
    ),
    historyByCategory: groupLoader(
      (ids: string[]) => em.find(DocumentCategoryChange, { categoryId: { $in: ids } }, { orderBy: { changedAt: 'desc', seq: 'desc' } }),
      (change) => change.categoryId,
    ),
    /** Contracts the viewer can see that their company filed under each category. */
    contractCountByCategory: rowLoader(
      (ids: string[]) =>
        countBy(
          `select f."category_id" as "key", count(*) as "count" from "documents"."contract_filing" f join "documents"."contract" c on c."id" = f."contract_id"
           where f."category_id" in (${inList(ids)}) and ${visible.sql} group by f."category_id"`,
          ids,
          [...ids, ...visible.params],
        ),
      (row) => row.id,
    ),
    templateCountByCategory: rowLoader(
      (ids: string[]) =>
        countBy(
          `select "category_id" as "key", count(*) as "count" from "documents"."contract_template" where "company_id" = ? and "category_id" in (${inList(ids)}) group by "category_id"`,
          ids,
          [companyId, ...ids],
        ),
      (row) => row.id,
    ),
    /** `_entities` references: the same visibility rule as every list and lookup. */
    contractById: rowLoader(
      async (ids: string[]) =>
        (
          await em.execute(
            `select ${CONTRACT_COLUMNS} from "documents"."contract_filing" f join "documents"."contract" c on c."id" = f."contract_id" where c."id" in (${inList(ids)}) and ${visible.sql}`,
            [...ids, ...visible.params],
          )
        ).map(contractFromRow),
      (contract) => contract.id,
    ),
  };
};
export type DocumentsLoaders = ReturnType<typeof createDocumentsLoaders>;
export type DocumentsContext = SubgraphContext<DocumentsLoaders>;
