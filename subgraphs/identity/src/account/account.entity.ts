import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { AccountRole } from '@econtract/server-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A login account: the person's credentials and contact details, owned by identity. */
@ObjectType('User')
@Directive('@key(fields: "id")')
@Entity({ tableName: 'account' })
export class Account {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'Login ID as the person typed it; unique without regard to case.' })
  @Property({ type: 'text' })
  loginId!: string;

  /** lower(loginId), computed by PostgreSQL; the unique index behind R-SIGNUP-3. */
  @Property({ type: 'text', generated: '(lower(login_id)) stored' })
  loginKey!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String)
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

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
