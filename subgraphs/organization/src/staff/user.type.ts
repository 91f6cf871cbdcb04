import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The identity subgraph's User, which this subgraph extends with company fields. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID, { description: "The user's ID." })
  id!: string;
}
