import { Migration } from '@mikro-orm/migrations';
import { createOutboxTableSql } from '@econtract/server-kit';

export class Migration20261124000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "organization"."company" (
      "id" uuid primary key,
      "kind" text not null check ("kind" in ('CORPORATE', 'PERSONAL')),
      "name" text not null,
      "business_number" text null check ("business_number" ~ '^[0-9]{10}$'),
      "representative" text null,
      "created_at" timestamptz not null default now()
    );`);
    // R-SIGNUP-2: one company per business registration number, even under concurrent signups.
    this.addSql(`create unique index "company_business_number_unique" on "organization"."company" ("business_number") where "business_number" is not null;`);
    this.addSql(`create table "organization"."staff_profile" (
      "user_id" uuid primary key,
      "company_id" uuid not null references "organization"."company" ("id"),
      "grade" text not null check ("grade" in ('TOTAL_ADMIN', 'DEPARTMENT_MANAGER', 'STAFF', 'INDIVIDUAL')),
      "active" boolean not null default true,
      "department_id" uuid null,
      "approval_authority" boolean not null default false,
      "can_write" boolean not null default false,
      "can_edit" boolean not null default false,
      "can_delete" boolean not null default false,
      "can_sign" boolean not null default false,
      "can_discard" boolean not null default false,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "staff_profile_company_id_idx" on "organization"."staff_profile" ("company_id");`);
    // One total admin per company.
    this.addSql(`create unique index "staff_profile_one_total_admin" on "organization"."staff_profile" ("company_id") where "grade" = 'TOTAL_ADMIN';`);
    this.addSql(createOutboxTableSql('organization'));
  }
}
