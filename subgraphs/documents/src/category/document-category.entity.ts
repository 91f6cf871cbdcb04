import { BigIntType, type Opt } from '@mikro-orm/core';
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

  @Field(() => String, { description: "The category's name, unique within the company regardless of case and surrounding spaces." })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What belongs in the category; null when none was given.' })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field(() => Date, { description: 'When the category was created.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the name or description last changed (the creation time if never).' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** R-CAT-2: one edit of a category, kept for its change history. */
@ObjectType({ description: "One change of a category's name or description." })
@Entity({ tableName: 'document_category_history' })
export class DocumentCategoryChange {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Insertion order (identity column). */
  @Property({ type: new BigIntType('number'), autoincrement: true, returning: true })
  seq!: Opt<number>;

  @Property({ type: 'uuid' })
  categoryId!: string;

  @Field(() => String, { description: 'The name before this change.' })
  @Property({ type: 'text' })
  previousName!: string;

  @Field(() => String, { description: 'The name after this change.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The description before this change.' })
  @Property({ type: 'text', nullable: true })
  previousDescription: string | null = null;

  @Field(() => String, { nullable: true, description: 'The description after this change.' })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  /** The member who made the change; exposed as a User. */
  @Property({ type: 'uuid' })
  changedBy!: string;

  @Field(() => Date, { description: 'When the change was made.' })
  @Property({ type: 'timestamptz' })
  changedAt: Date = new Date();
}
