import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new document category.' })
export class CreateDocumentCategoryInput {
  @Field(() => String, { description: '1–50 characters; unique within the company regardless of case and surrounding spaces.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Up to 500 characters; omit for none.' })
  description?: string | null;
}

@InputType({ description: "Changes to a category's name or description; omitted fields stay as they are." })
export class UpdateDocumentCategoryInput {
  @Field(() => String, { nullable: true, description: 'New name, 1–50 characters; unique within the company regardless of case and surrounding spaces.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description, up to 500 characters; an empty string removes it.' })
  description?: string | null;
}
