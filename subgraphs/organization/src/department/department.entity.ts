import { BeforeCreate, BeforeUpdate, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { foldCase } from '@econtract/server-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** R-DEPT-1: a department of one company; at most two levels (a parent has no parent). */
@ObjectType({ description: 'A department (부서); top-level departments may have sub-departments, sub-departments may not.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'department' })
export class Department {
  @Field(() => ID, { description: "The department's ID." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  companyId!: string;

  /** Null for a top-level department. */
  @Property({ type: 'uuid', nullable: true })
  parentId: string | null = null;

  @Field(() => String, { description: "The department's name, unique among its siblings regardless of case." })
  @Property({ type: 'text' })
  name!: string;

  /** The name folded for "regardless of case" (unique index); kept in step with the name on every write. */
  @Property({ type: 'text' })
  nameKey!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @BeforeCreate()
  @BeforeUpdate()
  foldName(): void {
    this.nameKey = foldCase(this.name);
  }
}
