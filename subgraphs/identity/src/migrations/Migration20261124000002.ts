import { Migration } from '@mikro-orm/migrations';

/** Signup state, lockout, sessions, one-time tokens and the login attempt log (issue #3). */
export class Migration20261124000002 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."account"
      add column "phone" text null,
      add column "origin" text not null default 'SIGNUP' check ("origin" in ('SIGNUP', 'STAFF', 'OPERATOR')),
      add column "signup_state" text not null default 'ACTIVE' check ("signup_state" in ('PENDING', 'ACTIVE')),
      add column "signup_key" text null,
      add column "failed_login_count" integer not null default 0 check ("failed_login_count" >= 0),
      add column "locked_at" timestamptz null,
      add column "password_changed_at" timestamptz null;`);
    this.addSql(`update "identity"."account" set "origin" = 'OPERATOR' where "role" = 'OPERATOR';`);
    // A retried signup finds its first attempt by this key instead of creating a second account.
    this.addSql(`create unique index "account_signup_key_unique" on "identity"."account" ("signup_key") where "signup_key" is not null;`);
    this.addSql(`create index "account_locked_idx" on "identity"."account" ("locked_at") where "locked_at" is not null;`);

    this.addSql(`create table "identity"."session" (
      "id" uuid primary key,
      "account_id" uuid not null references "identity"."account" ("id") on delete cascade,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "revoked_reason" text null,
      "ip" text null,
      "user_agent" text null
    );`);
    this.addSql(`create index "session_account_idx" on "identity"."session" ("account_id") where "revoked_at" is null;`);
    this.addSql(`create table "identity"."refresh_token" (
      "id" uuid primary key,
      "session_id" uuid not null references "identity"."session" ("id") on delete cascade,
      "token_hash" text not null unique,
      "created_at" timestamptz not null default now(),
      "used_at" timestamptz null
    );`);

    for (const table of ['email_verification', 'password_reset']) {
      this.addSql(`create table "identity"."${table}" (
        "id" uuid primary key,
        "account_id" uuid not null references "identity"."account" ("id") on delete cascade,
        ${table === 'email_verification' ? '"email" text not null,' : ''}
        "token_hash" text not null unique,
        "created_at" timestamptz not null default now(),
        "expires_at" timestamptz not null,
        "used_at" timestamptz null
      );`);
      this.addSql(`create index "${table}_account_idx" on "identity"."${table}" ("account_id");`);
    }

    this.addSql(`create table "identity"."phone_verification" (
      "id" uuid primary key,
      "account_id" uuid not null references "identity"."account" ("id") on delete cascade,
      "phone" text not null,
      "code_hash" text not null,
      "attempts" integer not null default 0,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "confirmed_at" timestamptz null,
      "consumed_at" timestamptz null
    );`);

    this.addSql(`create table "identity"."login_attempt" (
      "id" uuid primary key default gen_random_uuid(),
      "login_id" text not null,
      "account_id" uuid null references "identity"."account" ("id") on delete set null,
      "result" text not null,
      "ip" text null,
      "user_agent" text null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "login_attempt_account_idx" on "identity"."login_attempt" ("account_id", "created_at" desc);`);
  }
}
