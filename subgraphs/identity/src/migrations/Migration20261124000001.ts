import { Migration } from '@mikro-orm/migrations';
import { createOutboxTableSql } from '@econtract/server-kit';

export class Migration20261124000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."account" (
      "id" uuid primary key,
      "login_id" text not null,
      "login_key" text generated always as (lower("login_id")) stored,
      "name" text not null,
      "email" text not null,
      "password_hash" text not null,
      "role" text not null default 'MEMBER' check ("role" in ('MEMBER', 'OPERATOR')),
      "company_id" uuid null,
      "email_verified_at" timestamptz null,
      "created_at" timestamptz not null default now()
    );`);
    // R-SIGNUP-3: login IDs are unique regardless of case, enforced by the database.
    this.addSql(`create unique index "account_login_key_unique" on "identity"."account" ("login_key");`);
    this.addSql(`create index "account_company_id_idx" on "identity"."account" ("company_id");`);
    this.addSql(createOutboxTableSql('identity'));
  }
}
