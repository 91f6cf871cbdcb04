import { isUuid, keysetConnection, pageOf } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DocumentCategory } from '../category/document-category.entity.ts';
import type { DocumentsContext } from '../context.ts';
import { containsPattern } from '../search.ts';
import { BodyPdf, bodyPdfOf } from '../upload/body-pdf.ts';
import { ContractTemplate, ContractTemplateConnection } from './contract-template.entity.ts';
import { ContractTemplateFilter, CreateContractTemplateInput, UpdateContractTemplateInput } from './contract-template.inputs.ts';
import { createTemplate, deleteTemplate, templateNotFound, updateTemplate } from './contract-template.service.ts';

@Resolver(() => ContractTemplate)
export class ContractTemplateResolver {
  @Query(() => ContractTemplateConnection, { description: "The company's contract templates (양식), newest first. Every member can list them." })
  async contractTemplates(
    @Arg('filter', () => ContractTemplateFilter, { nullable: true, description: 'Which templates; all when omitted.' }) filter: ContractTemplateFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many templates to return, 1–500.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." })
    after: string | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<ContractTemplateConnection> {
    const page = pageOf('contract-template', first, after, 500);
    const companyId = ctx.viewer!.member!.companyId;
    const where: Record<string, unknown> = { companyId };
    if (filter?.categoryId) where.categoryId = isUuid(filter.categoryId) ? filter.categoryId : null;
    if (filter?.uncategorized) where.categoryId = null;
    if (filter?.search?.trim()) where.title = { $ilike: containsPattern(filter.search.trim()) };
    return keysetConnection(page, {
      known: async (seq) => (await ctx.em.count(ContractTemplate, { companyId, seq })) > 0,
      fetch: (afterSeq, limit) =>
        ctx.em.find(ContractTemplate, afterSeq === null ? where : { ...where, seq: { $lt: afterSeq } }, { orderBy: { seq: 'desc' }, limit }),
      seq: (template) => template.seq,
    });
  }

  @Query(() => ContractTemplate, { description: "One of the company's templates; NOT_FOUND for any other." })
  async contractTemplate(@Arg('id', () => ID, { description: "The template's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<ContractTemplate> {
    const template = isUuid(id) ? await ctx.loaders.templateById.load(id) : null;
    if (!template) throw templateNotFound();
    return template;
  }

  @FieldResolver(() => DocumentCategory, { nullable: true, description: "The template's category; null when it has none." })
  category(@Root() template: ContractTemplate, @Ctx() ctx: DocumentsContext): Promise<DocumentCategory | null> | null {
    return template.categoryId ? ctx.loaders.categoryById.load(template.categoryId) : null;
  }

  @FieldResolver(() => BodyPdf, { nullable: true, description: "The template's PDF body, with a short-lived download link; null when it has none." })
  async bodyPdf(@Root() template: ContractTemplate, @Ctx() ctx: DocumentsContext): Promise<BodyPdf | null> {
    return template.bodyFileId ? bodyPdfOf(ctx, await ctx.loaders.storedFileById.load(template.bodyFileId), template.title) : null;
  }

  @Mutation(() => ContractTemplate, { description: 'Creates a contract template. The total admin, an individual member, or staff with the write permission.' })
  createContractTemplate(
    @Arg('input', () => CreateContractTemplateInput, { description: 'The new template.' }) input: CreateContractTemplateInput,
    @Ctx() ctx: DocumentsContext,
  ): Promise<ContractTemplate> {
    return createTemplate(ctx, input);
  }

  @Mutation(() => ContractTemplate, { description: 'Changes a contract template; contracts already written from it keep their content.' })
  updateContractTemplate(
    @Arg('id', () => ID, { description: "The template's ID." }) id: string,
    @Arg('input', () => UpdateContractTemplateInput, { description: 'The changes.' }) input: UpdateContractTemplateInput,
    @Ctx() ctx: DocumentsContext,
  ): Promise<ContractTemplate> {
    return updateTemplate(ctx, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes a contract template; contracts written from it keep their content. Returns its ID.' })
  deleteContractTemplate(@Arg('id', () => ID, { description: "The template's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<string> {
    return deleteTemplate(ctx.em, ctx.viewer!, id);
  }
}
