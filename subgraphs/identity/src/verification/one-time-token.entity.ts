import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Account } from '../account/account.entity.ts';

/** Something short-lived issued to one account. */
@Entity({ abstract: true })
export class AccountChallenge {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Account, { fieldName: 'account_id' })
  account!: Account;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}

/** An emailed link's token: stored hashed, single use, expiring. */
@Entity({ abstract: true })
export class OneTimeToken extends AccountChallenge {
  @Property({ type: 'text' })
  tokenHash!: string;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}

/** R-SIGNUP-5, R-PROFILE-4: proves the person reads mail at `email`. */
@Entity({ tableName: 'email_verification' })
export class EmailVerification extends OneTimeToken {
  @Property({ type: 'text' })
  email!: string;
}

/** R-RECOVER-1: a password reset link. */
@Entity({ tableName: 'password_reset' })
export class PasswordReset extends OneTimeToken {}

/** R-PROFILE-2: a 6-digit code sent to a phone number. */
@Entity({ tableName: 'phone_verification' })
export class PhoneVerification extends AccountChallenge {
  @Property({ type: 'text' })
  phone!: string;

  @Property({ type: 'text' })
  codeHash!: string;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  consumedAt: Date | null = null;
}
