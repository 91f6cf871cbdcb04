import { randomUUID } from 'node:crypto';
import { badUserInput, type EntityManager, isUuid, msg, notFound, type SubgraphContext, UploadKind, type Viewer } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { categoryOf } from '../category/document-category.service.ts';
import { ensureFieldsOnPages } from '../upload/body-pdf.ts';
import { StoredFile } from '../upload/stored-file.entity.ts';
import { claimUpload, type UploadCaller } from '../upload/upload.service.ts';
import { ContractTemplate, type SignatureField } from './contract-template.entity.ts';
import type { CreateContractTemplateInput, UpdateContractTemplateInput } from './contract-template.inputs.ts';

export const templateNotFound = () => notFound(msg('No such contract template in your company.', '회사에 해당 계약서 양식이 없습니다.'));

/** A template of the company, or NOT_FOUND (another company's is answered the same as a missing one). */
export async function templateOf(em: EntityManager, companyId: string, id: string): Promise<ContractTemplate> {
  const template = isUuid(id) ? await em.findOne(ContractTemplate, { id, companyId }, { refresh: true }) : null;
  if (!template) throw templateNotFound();
  return template;
}

function templateTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed || trimmed.length > 200)
    throw badUserInput(msg('A template title needs 1 to 200 characters.', '양식 제목은 1자 이상 200자 이하로 입력해 주세요.'), { field: 'title' });
  return trimmed;
}

function templateBody(body: string): string {
  if (body.length > 100_000)
    throw badUserInput(msg('A template body has at most 100,000 characters.', '양식 본문은 100,000자 이하로 입력해 주세요.'), { field: 'body' });
  return body;
}

function signatureFields(fields: SignatureField[]): SignatureField[] {
  if (fields.length > 100)
    throw badUserInput(msg('A template has at most 100 signature places.', '양식의 서명 위치는 최대 100개입니다.'), { field: 'signatureFields' });
  return fields.map((field, index) => {
    const valid = field.page >= 1 && field.x >= 0 && field.y >= 0 && field.width > 0 && field.height > 0 && field.partyIndex >= 0 && field.partyIndex <= 50;
    if (!valid) {
      throw badUserInput(
        msg(
          `Signature place ${index + 1}: the page starts at 1, the position is not negative, the size is positive and the party index is 0–50.`,
          `${index + 1}번째 서명 위치: 페이지는 1부터, 위치는 0 이상, 크기는 0보다 커야 하며 당사자 번호는 0~50입니다.`,
        ),
        { field: `signatureFields.${index}` },
      );
    }
    return { page: field.page, x: field.x, y: field.y, width: field.width, height: field.height, partyIndex: field.partyIndex };
  });
}

const snapshot = (template: ContractTemplate) => ({
  title: template.title,
  bodyFileId: template.bodyFileId,
  categoryId: template.categoryId,
  signatureFields: template.signatureFields.length,
});

/** Claims a new PDF body inside the write's transaction (a rollback frees it); its page count, or the current PDF's, bounds the signature fields. */
async function pdfPages(
  caller: UploadCaller,
  newFileId: string | null | undefined,
  currentFileId: string | null,
): Promise<{ bodyFileId: string | null; pageCount: number | null }> {
  if (newFileId) {
    const file = await claimUpload(caller, newFileId, UploadKind.TEMPLATE_PDF);
    return { bodyFileId: file.id, pageCount: file.pageCount };
  }
  if (!currentFileId) return { bodyFileId: null, pageCount: null };
  const current = await caller.em.findOne(StoredFile, { id: currentFileId });
  return { bodyFileId: currentFileId, pageCount: current?.pageCount ?? null };
}

type TemplateCaller = Pick<SubgraphContext, 'em' | 'viewer' | 'env'>;

export async function createTemplate(ctx: TemplateCaller, input: CreateContractTemplateInput): Promise<ContractTemplate> {
  const viewer = ctx.viewer!;
  const companyId = viewer.member!.companyId;
  const title = templateTitle(input.title);
  const body = templateBody(input.body ?? '');
  const fields = signatureFields(input.signatureFields ?? []);
  return ctx.em.transactional(async (tx) => {
    const { bodyFileId, pageCount } = await pdfPages({ ...ctx, em: tx }, input.bodyFileId, null);
    ensureFieldsOnPages(fields, pageCount);
    const categoryId = input.categoryId ? (await categoryOf(tx, companyId, input.categoryId)).id : null;
    const template = tx.create(ContractTemplate, {
      id: randomUUID(),
      companyId,
      title,
      body,
      bodyFileId,
      categoryId,
      signatureFields: fields,
      createdBy: viewer.userId,
    } as ContractTemplate);
    await tx.flush();
    await recordAudit(tx, viewer, {
      companyId,
      action: 'TEMPLATE_CREATED',
      targetType: AuditTarget.TEMPLATE,
      targetId: template.id,
      after: snapshot(template),
    });
    return template;
  });
}

export async function updateTemplate(ctx: TemplateCaller, id: string, input: UpdateContractTemplateInput): Promise<ContractTemplate> {
  const viewer = ctx.viewer!;
  const companyId = viewer.member!.companyId;
  return ctx.em.transactional(async (tx) => {
    const template = await templateOf(tx, companyId, id);
    const before = snapshot(template);
    if (input.title != null) template.title = templateTitle(input.title);
    if (input.body != null) template.body = templateBody(input.body);
    if (input.clearCategory) template.categoryId = null;
    else if (input.categoryId) template.categoryId = (await categoryOf(tx, companyId, input.categoryId)).id;
    if (input.signatureFields != null) template.signatureFields = signatureFields(input.signatureFields);
    const { bodyFileId, pageCount } = await pdfPages({ ...ctx, em: tx }, input.bodyFileId, template.bodyFileId);
    ensureFieldsOnPages(template.signatureFields, pageCount);
    template.bodyFileId = bodyFileId;
    template.updatedAt = new Date();
    await tx.flush();
    await recordAudit(tx, viewer, {
      companyId,
      action: 'TEMPLATE_UPDATED',
      targetType: AuditTarget.TEMPLATE,
      targetId: template.id,
      before,
      after: snapshot(template),
    });
    return template;
  });
}

/** Contracts written from it keep their content; their link to the template is cleared (foreign key set null). */
export async function deleteTemplate(em: EntityManager, viewer: Viewer, id: string): Promise<string> {
  const companyId = viewer.member!.companyId;
  return em.transactional(async (tx) => {
    const template = await templateOf(tx, companyId, id);
    await recordAudit(tx, viewer, {
      companyId,
      action: 'TEMPLATE_DELETED',
      targetType: AuditTarget.TEMPLATE,
      targetId: template.id,
      before: snapshot(template),
    });
    await tx.nativeDelete(ContractTemplate, { id: template.id, companyId });
    return template.id;
  });
}
