import { isUuid } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsContext } from '../context.ts';
import { User } from '../people/people.type.ts';
import { DocumentCategory, DocumentCategoryChange } from './document-category.entity.ts';
import { CreateDocumentCategoryInput, UpdateDocumentCategoryInput } from './document-category.inputs.ts';
import { categoryNotFound, createCategory, deleteCategories, updateCategory } from './document-category.service.ts';

@Resolver(() => DocumentCategory)
export class DocumentCategoryResolver {
  @Query(() => [DocumentCategory], {
    description: "The viewer's company's document categories (문서분류), by name. Every member can list them to file and search.",
  })
  async documentCategories(@Ctx() ctx: DocumentsContext): Promise<DocumentCategory[]> {
    // The shield rule guarantees a member; the filter keeps every other company's rows out.
    return ctx.em.find(DocumentCategory, { companyId: ctx.viewer!.member!.companyId }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  @Query(() => DocumentCategory, { description: "One of the viewer's company's categories; NOT_FOUND for any other." })
  async documentCategory(@Arg('id', () => ID, { description: "The category's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<DocumentCategory> {
    const category = isUuid(id) ? await ctx.loaders.categoryById.load(id) : null;
    if (!category) throw categoryNotFound();
    return category;
  }

  @FieldResolver(() => Int, { description: 'How many contracts the viewer can see that their company filed under this category.' })
  async contractCount(@Root() category: DocumentCategory, @Ctx() ctx: DocumentsContext): Promise<number> {
    return (await ctx.loaders.contractCountByCategory.load(category.id))?.count ?? 0;
  }

  @FieldResolver(() => Int, { description: "How many of the company's templates are in this category." })
  async templateCount(@Root() category: DocumentCategory, @Ctx() ctx: DocumentsContext): Promise<number> {
    return (await ctx.loaders.templateCountByCategory.load(category.id))?.count ?? 0;
  }

  @FieldResolver(() => [DocumentCategoryChange], { description: 'Every change of the name or description, newest first. Category managers only.' })
  history(@Root() category: DocumentCategory, @Ctx() ctx: DocumentsContext): Promise<DocumentCategoryChange[]> {
    return ctx.loaders.historyByCategory.load(category.id);
  }

  @Mutation(() => DocumentCategory, { description: 'Creates a category. Total admin (or an individual member in their own workspace) only.' })
  createDocumentCategory(
    @Arg('input', () => CreateDocumentCategoryInput, { description: 'The new category.' }) input: CreateDocumentCategoryInput,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DocumentCategory> {
    return createCategory(ctx.em, ctx.viewer!, input);
  }

  @Mutation(() => DocumentCategory, {
    description: "Changes a category's name or description; each change is kept in its history. Total admin (or an individual member) only.",
  })
  updateDocumentCategory(
    @Arg('id', () => ID, { description: "The category's ID." }) id: string,
    @Arg('input', () => UpdateDocumentCategoryInput, { description: 'The changes.' }) input: UpdateDocumentCategoryInput,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DocumentCategory> {
    return updateCategory(ctx.em, ctx.viewer!, id, input);
  }

  @Mutation(() => [ID], {
    description:
      'Deletes several categories at once, all or none; their contracts and templates become uncategorised. Returns the deleted IDs. Total admin (or an individual member) only.',
  })
  deleteDocumentCategories(
    @Arg('ids', () => [ID], { description: 'The categories to delete, 1–100.' }) ids: string[],
    @Ctx() ctx: DocumentsContext,
  ): Promise<string[]> {
    return deleteCategories(ctx.em, ctx.viewer!, ids);
  }
}

@Resolver(() => DocumentCategoryChange)
export class DocumentCategoryChangeResolver {
  @FieldResolver(() => User, { description: 'Who made the change.' })
  changedBy(@Root() change: DocumentCategoryChange): User {
    return { id: change.changedBy };
  }
}
