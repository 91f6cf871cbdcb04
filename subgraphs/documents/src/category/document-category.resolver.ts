import { Ctx, Query, Resolver } from 'type-graphql';
import type { DocumentsContext } from '../context.ts';
import { DocumentCategory } from './document-category.entity.ts';

@Resolver(() => DocumentCategory)
export class DocumentCategoryResolver {
  @Query(() => [DocumentCategory], { description: "The viewer's company's document categories (문서분류), by name." })
  async documentCategories(@Ctx() ctx: DocumentsContext): Promise<DocumentCategory[]> {
    // The shield rule guarantees a member; the filter keeps every other company's rows out.
    return ctx.em.find(DocumentCategory, { companyId: ctx.viewer!.member!.companyId }, { orderBy: { name: 'asc', id: 'asc' } });
  }
}
