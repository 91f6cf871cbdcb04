import { Migration } from '@mikro-orm/migrations';

/** Issue #4: company settings, departments (≤ 2 levels), ranks, staff registration keys, audit trail. */
export class Migration20261124000003 extends Migration {
  override async up(): Promise<void> {
    // R-COMPANY-1,2: internal approval default and contract management numbering.
    this.addSql(`alter table "organization"."company"
      add column "internal_approval" boolean not null default false,
      add column "contract_numbering" text not null default 'AUTO' check ("contract_numbering" in ('AUTO', 'MANUAL'));`);

    this.addSql(`create table "organization"."department" (
      "id" uuid primary key,
      "company_id" uuid not null references "organization"."company" ("id"),
      "parent_id" uuid null,
      "name" text not null check (length(btrim("name")) between 1 and 50),
      "created_at" timestamptz not null default now(),
      check ("parent_id" is null or "parent_id" <> "id"),
      unique ("company_id", "id")
    );`);
    // A parent is always a department of the same company (composite key), and cannot be deleted while it has children.
    this.addSql(
      `alter table "organization"."department" add constraint "department_parent_fk" foreign key ("company_id", "parent_id") references "organization"."department" ("company_id", "id");`,
    );
    // R-DEPT-2: sibling names are unique regardless of case; top-level departments are siblings of each other.
    this.addSql(
      `create unique index "department_sibling_name_unique" on "organization"."department" ("company_id", coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid), lower("name"));`,
    );
    this.addSql(`create index "department_parent_id_idx" on "organization"."department" ("parent_id");`);

    this.addSql(`create table "organization"."rank" (
      "id" uuid primary key,
      "company_id" uuid not null references "organization"."company" ("id"),
      "name" text not null check (length(btrim("name")) between 1 and 30),
      "position" integer not null,
      "created_at" timestamptz not null default now(),
      unique ("company_id", "id")
    );`);
    this.addSql(`create unique index "rank_name_unique" on "organization"."rank" ("company_id", lower("name"));`);

    // Staff belong to departments and ranks of their own company only; seq orders staff lists (cursor).
    this.addSql(`alter table "organization"."staff_profile" add column "rank_id" uuid null, add column "seq" bigserial not null;`);
    this.addSql(
      `alter table "organization"."staff_profile" add constraint "staff_profile_department_fk" foreign key ("company_id", "department_id") references "organization"."department" ("company_id", "id");`,
    );
    this.addSql(
      `alter table "organization"."staff_profile" add constraint "staff_profile_rank_fk" foreign key ("company_id", "rank_id") references "organization"."rank" ("company_id", "id");`,
    );
    this.addSql(`create index "staff_profile_department_id_idx" on "organization"."staff_profile" ("department_id");`);
    this.addSql(`create index "staff_profile_company_seq_idx" on "organization"."staff_profile" ("company_id", "seq");`);

    // R-STAFF-1: a retried registerStaff with the same key reuses the account id chosen the first time.
    this.addSql(`create table "organization"."staff_registration" (
      "company_id" uuid not null references "organization"."company" ("id"),
      "idempotency_key" text not null,
      "account_id" uuid not null unique,
      "created_at" timestamptz not null default now(),
      primary key ("company_id", "idempotency_key")
    );`);

    // Every administrative change, written in the transaction of the change itself.
    this.addSql(`create table "organization"."audit_entry" (
      "id" uuid primary key,
      "seq" bigserial not null unique,
      "company_id" uuid not null references "organization"."company" ("id"),
      "actor_id" uuid not null,
      "action" text not null,
      "target_type" text not null,
      "target_id" text null,
      "before" jsonb null,
      "after" jsonb null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "audit_entry_company_seq_idx" on "organization"."audit_entry" ("company_id", "seq" desc);`);
  }
}
