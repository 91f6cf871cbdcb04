import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's User: documents names people by id and the gateway fetches the rest from its owners. */
@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID, { description: "The user's ID." })
  id!: string;
}

/** Organization's Department, named by id; organization answers only for the viewer's own company. */
@ObjectType('Department')
@Directive('@key(fields: "id", resolvable: false)')
export class Department {
  @Field(() => ID, { description: "The department's ID." })
  id!: string;
}

export const userRef = (id: string | null): User | null => (id ? { id } : null);
