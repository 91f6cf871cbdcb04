import { BeforeCreate, BeforeUpdate, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { foldCase } from '@econtract/server-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** R-RANK-1: a rank (직급) of one company, in the company's order. */
@ObjectType({ description: "A rank (직급); the list order is the company's order." })
@Entity({ tableName: 'rank' })
export class Rank {
  @Field(() => ID, { description: "The rank's ID; kept while the name stays in the list." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  companyId!: string;

  @Field(() => String, { description: "The rank's name, up to 30 characters." })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: "0-based place in the company's rank list." })
  @Property({ type: 'integer' })
  position!: number;

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
