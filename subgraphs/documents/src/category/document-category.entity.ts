import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** R-CAT-1: a company's category for contracts and templates. */
@ObjectType()
@Entity({ tableName: 'document_category' })
export class DocumentCategory {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Owning company: every query filters by the viewer's. */
  @Property({ type: 'uuid' })
  companyId!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
