import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

export enum LoginResultCode {
  SUCCESS = 'SUCCESS',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  UNKNOWN_LOGIN_ID = 'UNKNOWN_LOGIN_ID',
  LOCKED = 'LOCKED',
  EMAIL_NOT_VERIFIED = 'EMAIL_NOT_VERIFIED',
  SUSPENDED = 'SUSPENDED',
}

/** R-LOGIN-3: every attempt, for the operator. */
@ObjectType({ description: 'One sign-in attempt, for the customer centre.' })
@Entity({ tableName: 'login_attempt' })
export class LoginAttempt {
  @Field(() => ID, { description: "The attempt's ID." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'The login ID as typed.' })
  @Property({ type: 'text' })
  loginId!: string;

  @Property({ type: 'uuid', nullable: true })
  accountId: string | null = null;

  @Field(() => String, { description: 'SUCCESS, WRONG_PASSWORD, UNKNOWN_LOGIN_ID, LOCKED, EMAIL_NOT_VERIFIED or SUSPENDED.' })
  @Property({ type: 'text' })
  result!: LoginResultCode;

  @Field(() => String, { nullable: true, description: "The client's IP address, when known." })
  @Property({ type: 'text', nullable: true })
  ip: string | null = null;

  @Field(() => String, { nullable: true, description: "The client's User-Agent header, when sent." })
  @Property({ type: 'text', nullable: true })
  userAgent: string | null = null;

  @Field(() => Date, { description: 'When the attempt was made.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
