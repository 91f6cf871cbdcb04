import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** R-CAT-1: a company's category for contracts and templates. */
@ObjectType({ description: 'A document category (문서분류) for sorting and finding contracts and contract templates.' })
@Entity({ tableName: 'document_category' })
export class DocumentCategory {
  @Field(() => ID, { description: "The category's ID." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Owning company: every query filters by the viewer's. */
  @Property({ type: 'uuid' })
  companyId!: string;

  @Field(() => String, { description: "The category's name." })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Date, { description: 'When the category was created.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
