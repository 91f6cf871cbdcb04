import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's Company, which billing extends with its billing standing and receipts. */
@ObjectType('Company')
@Directive('@key(fields: "id")')
export class Company {
  @Field(() => ID)
  id!: string;

  /** Owned by organization; the gateway fetches it for `paymentReceipt` (@requires). */
  @Directive('@external')
  @Field(() => String)
  name?: string | null;

  /** Owned by organization; printed on receipts. */
  @Directive('@external')
  @Field(() => String, { nullable: true })
  businessNumber?: string | null;
}
