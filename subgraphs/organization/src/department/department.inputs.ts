import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new department, at the top level or under a top-level department.' })
export class CreateDepartmentInput {
  @Field(() => String, { description: '1–50 characters; unique among its siblings regardless of case.' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'A top-level department to create it under; omit for a top-level department.' })
  parentId?: string | null;
}

@InputType({ description: 'Rename and/or move a department. Omitted fields stay; parentId: null moves it to the top level.' })
export class UpdateDepartmentInput {
  @Field(() => String, { nullable: true, description: 'New name, 1–50 characters; unique among its siblings regardless of case.' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'The new parent (a top-level department), or null for the top level.' })
  parentId?: string | null;
}
