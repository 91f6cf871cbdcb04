import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badUserInput, conflict, type EntityManager, isUuid, msg, notFound, type Viewer } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { DocumentCategory, DocumentCategoryChange } from './document-category.entity.ts';
import type { CreateDocumentCategoryInput, UpdateDocumentCategoryInput } from './document-category.inputs.ts';

function categoryName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 50)
    throw badUserInput(msg('A category name needs 1 to 50 characters.', '문서분류명은 1자 이상 50자 이하로 입력해 주세요.'), { field: 'name' });
  return trimmed;
}

function categoryDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > 500)
    throw badUserInput(msg('A category description has at most 500 characters.', '문서분류 설명은 500자 이하로 입력해 주세요.'), { field: 'description' });
  return trimmed || null;
}

const nameTaken = (name: string) =>
  conflict(msg(`A category named "${name}" already exists. Choose another name.`, `"${name}" 문서분류가 이미 있습니다. 다른 이름을 입력해 주세요.`));

export const categoryNotFound = () => notFound(msg('No such document category in your company.', '회사에 해당 문서분류가 없습니다.'));

/** A category of the viewer's company, or NOT_FOUND (another company's is answered the same as a missing one). */
export async function categoryOf(em: EntityManager, companyId: string, id: string): Promise<DocumentCategory> {
  const category = isUuid(id) ? await em.findOne(DocumentCategory, { id, companyId }, { refresh: true }) : null;
  if (!category) throw categoryNotFound();
  return category;
}

const snapshot = (category: DocumentCategory) => ({ name: category.name, description: category.description });

export async function createCategory(em: EntityManager, viewer: Viewer, input: CreateDocumentCategoryInput): Promise<DocumentCategory> {
  const name = categoryName(input.name);
  const companyId = viewer.member!.companyId;
  try {
    return await em.transactional(async (tx) => {
      const category = tx.create(DocumentCategory, {
        id: randomUUID(),
        companyId,
        name,
        description: categoryDescription(input.description),
      } as DocumentCategory);
      await tx.flush();
      await recordAudit(tx, viewer, {
        companyId,
        action: 'CATEGORY_CREATED',
        targetType: AuditTarget.CATEGORY,
        targetId: category.id,
        after: snapshot(category),
      });
      return category;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw nameTaken(name);
    throw error;
  }
}

/** R-CAT-2: each change that alters something is kept with the previous and new name and description. */
export async function updateCategory(em: EntityManager, viewer: Viewer, id: string, input: UpdateDocumentCategoryInput): Promise<DocumentCategory> {
  const companyId = viewer.member!.companyId;
  const name = input.name == null ? null : categoryName(input.name);
  try {
    return await em.transactional(async (tx) => {
      const category = await categoryOf(tx, companyId, id);
      const before = snapshot(category);
      const after = {
        name: name ?? category.name,
        description: input.description === undefined || input.description === null ? category.description : categoryDescription(input.description),
      };
      if (after.name === before.name && after.description === before.description) return category;
      const now = new Date();
      Object.assign(category, after, { updatedAt: now });
      tx.create(DocumentCategoryChange, {
        id: randomUUID(),
        categoryId: category.id,
        previousName: before.name,
        name: after.name,
        previousDescription: before.description,
        description: after.description,
        changedBy: viewer.userId,
        changedAt: now,
      } as DocumentCategoryChange);
      await tx.flush();
      await recordAudit(tx, viewer, { companyId, action: 'CATEGORY_UPDATED', targetType: AuditTarget.CATEGORY, targetId: category.id, before, after });
      return category;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw nameTaken(name!);
    throw error;
  }
}

/** R-CAT-3: all or none; their contracts' filings and templates become uncategorised in the same transaction (the foreign keys set null). */
export async function deleteCategories(em: EntityManager, viewer: Viewer, ids: string[]): Promise<string[]> {
  const companyId = viewer.member!.companyId;
  const wanted = [...new Set(ids)];
  if (!wanted.length || wanted.length > 100)
    throw badUserInput(msg('Choose 1 to 100 categories to delete.', '삭제할 문서분류를 1개 이상 100개 이하로 선택해 주세요.'), { field: 'ids' });
  return em.transactional(async (tx) => {
    const categories = await tx.find(DocumentCategory, { id: { $in: wanted.filter(isUuid) }, companyId });
    if (categories.length !== wanted.length) throw categoryNotFound();
    for (const category of categories) {
      await recordAudit(tx, viewer, {
        companyId,
        action: 'CATEGORY_DELETED',
        targetType: AuditTarget.CATEGORY,
        targetId: category.id,
        before: snapshot(category),
      });
    }
    await tx.nativeDelete(DocumentCategory, { id: { $in: wanted }, companyId });
    return wanted;
  });
}
