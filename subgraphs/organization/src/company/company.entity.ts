import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum CompanyKind {
  /** A corporate member: total admin, departments, staff. */
  CORPORATE = 'CORPORATE',
  /** An individual member's personal workspace: one person, no staff features (R-SIGNUP-1). */
  PERSONAL = 'PERSONAL',
}
registerEnumType(CompanyKind, {
  name: 'CompanyKind',
  description: "Whether a company is a corporate member or an individual member's personal workspace.",
  valuesConfig: {
    CORPORATE: { description: 'A corporate member (기업회원): a total admin, departments, ranks and staff.' },
    PERSONAL: { description: "An individual member's (개인회원) personal workspace: one person, no staff features." },
  },
});

/** R-COMPANY-2: how new contracts get their management number. */
export enum ContractNumbering {
  /** YYYY-MM-NNNNN, assigned when the contract is written (R-NUM-1). */
  AUTO = 'AUTO',
  /** New contracts start with an empty number the writer fills in. */
  MANUAL = 'MANUAL',
}
registerEnumType(ContractNumbering, {
  name: 'ContractNumbering',
  description: 'How new contracts get their management number (계약관리번호).',
  valuesConfig: {
    AUTO: { description: 'Assigned automatically as YYYY-MM-NNNNN: year and month in Korea, and a serial that restarts every month.' },
    MANUAL: { description: 'New contracts start with an empty number that the writer fills in.' },
  },
});

@ObjectType({ description: 'Company-wide defaults for writing contracts.' })
export class CompanySettings {
  @Field(() => Boolean, { description: 'Whether internal approval (내부결재) is chosen by default on the contract-relations step.' })
  internalApproval!: boolean;

  @Field(() => ContractNumbering, { description: 'Automatic or manual contract management numbers.' })
  contractNumbering!: ContractNumbering;
}

@ObjectType({ description: "A corporate member (기업회원) or an individual member's personal workspace." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'company' })
export class Company {
  @Field(() => ID, { description: "The company's ID." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => CompanyKind, { description: 'Corporate member or personal workspace.' })
  @Enum({ items: () => CompanyKind, type: 'text' })
  kind!: CompanyKind;

  @Field(() => String, { description: "The company's name; for a personal workspace, the member's name." })
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
