import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum CompanyKind {
  /** A corporate member: total admin, departments, staff. */
  CORPORATE = 'CORPORATE',
  /** An individual member's personal workspace: one person, no staff features (R-SIGNUP-1). */
  PERSONAL = 'PERSONAL',
}
registerEnumType(CompanyKind, { name: 'CompanyKind' });

/** R-COMPANY-2: how new contracts get their management number. */
export enum ContractNumbering {
  /** YYYY-MM-NNNNN, assigned when the contract is written (R-NUM-1). */
  AUTO = 'AUTO',
  /** New contracts start with an empty number the writer fills in. */
  MANUAL = 'MANUAL',
}
registerEnumType(ContractNumbering, { name: 'ContractNumbering' });

@ObjectType({ description: 'R-COMPANY-1,2: company-wide defaults for writing contracts.' })
export class CompanySettings {
  @Field(() => Boolean, { description: 'R-COMPANY-1: internal approval (내부결재) is the default on the contract-relations step.' })
  internalApproval!: boolean;

  @Field(() => ContractNumbering, { description: 'R-COMPANY-2: automatic or manual contract management numbers.' })
  contractNumbering!: ContractNumbering;
}

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

  @Property({ type: 'boolean' })
  internalApproval: boolean = false;

  @Enum({ items: () => ContractNumbering, type: 'text' })
  contractNumbering: ContractNumbering = ContractNumbering.AUTO;

  /** The account whose signup created this company: the key that makes signup idempotent and cancellable. */
  @Property({ type: 'uuid', nullable: true })
  createdByAccountId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
