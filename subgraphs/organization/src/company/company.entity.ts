import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum CompanyKind {
  /** A corporate member: total admin, departments, staff. */
  CORPORATE = 'CORPORATE',
  /** An individual member's personal workspace: one person, no staff features (R-SIGNUP-1). */
  PERSONAL = 'PERSONAL',
}
registerEnumType(CompanyKind, { name: 'CompanyKind' });

@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'company' })
export class Company {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => CompanyKind)
  @Enum({ items: () => CompanyKind, type: 'text' })
  kind!: CompanyKind;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Business registration number, 10 digits (corporate members only).' })
  @Property({ type: 'text', nullable: true })
  businessNumber: string | null = null;

  @Field(() => String, { nullable: true, description: "Representative's name (corporate members only)." })
  @Property({ type: 'text', nullable: true })
  representative: string | null = null;

  /** The code other members type at signup to name this company as their referrer; case-insensitive. */
  @Property({ type: 'text', nullable: true })
  referralCode: string | null = null;

  /** The account whose signup created this company: the key that makes signup idempotent and cancellable. */
  @Property({ type: 'uuid', nullable: true })
  createdByAccountId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
