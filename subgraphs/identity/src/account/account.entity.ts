import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { AccountRole } from '@econtract/server-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** How the account came to be: recovery by email serves SIGNUP accounts only (R-RECOVER-1). */
export enum AccountOrigin {
  SIGNUP = 'SIGNUP',
  STAFF = 'STAFF',
  OPERATOR = 'OPERATOR',
}

/** PENDING while a signup's other steps (company, event plan) are still being made. */
export enum SignupState {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
}

/** A login account: the person's credentials and contact details, owned by identity. */
@ObjectType('User', { description: 'A person who signs in: a member of a company or personal workspace, or an operator of the customer centre.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'account' })
export class Account {
  @Field(() => ID, { description: "The user's ID." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'Login ID as the person typed it; unique without regard to case.' })
  @Property({ type: 'text' })
  loginId!: string;

  /** lower(loginId), computed by PostgreSQL; the unique index behind R-SIGNUP-3. */
  @Property({ type: 'text', generated: '(lower(login_id)) stored' })
  loginKey!: string;

  @Field(() => String, { description: "The person's name." })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Email address; an account signs in only once it is verified.' })
  @Property({ type: 'text' })
  email!: string;

  /** argon2id; never leaves this subgraph. */
  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Enum({ items: () => Object.values(AccountRole), type: 'text' })
  role: AccountRole = AccountRole.MEMBER;

  /** The company (or personal workspace) the account belongs to; null for operators. */
  @Property({ type: 'uuid', nullable: true })
  companyId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Verified mobile number, digits only.' })
  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Enum({ items: () => AccountOrigin, type: 'text' })
  origin: AccountOrigin = AccountOrigin.SIGNUP;

  @Enum({ items: () => SignupState, type: 'text' })
  signupState: SignupState = SignupState.ACTIVE;

  /** The client's idempotency key of the signup that created the account. */
  @Property({ type: 'text', nullable: true })
  signupKey: string | null = null;

  /** Consecutive failed password checks; five lock the account (R-LOGIN-3). */
  @Property({ type: 'integer' })
  failedLoginCount: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lockedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null = null;

  /** R-SIGNUP-4: the company whose referral code was given at signup; rewarded once the email is verified. */
  @Property({ type: 'uuid', nullable: true })
  referrerCompanyId: string | null = null;

  /** When both companies' referral event plans were granted (once). */
  @Property({ type: 'timestamptz', nullable: true })
  referralGrantedAt: Date | null = null;

  @Field(() => Boolean, { description: 'Whether the email address has been verified.' })
  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null;
  }

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
