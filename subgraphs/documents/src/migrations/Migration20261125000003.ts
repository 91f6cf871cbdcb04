import { Migration } from '@mikro-orm/migrations';

/** Issue #10: categories with history, templates, contracts, per-company filing (boxes), monthly number counters, audit trail. */
export class Migration20261125000003 extends Migration {
  override async up(): Promise<void> {
    const s = '"documents"';
    this.addSql(`alter table ${s}."document_category"
      add column "description" text null check ("description" is null or length("description") <= 500),
      add column "updated_at" timestamptz not null default now(),
      add column "name_key" text generated always as (lower(btrim("name"))) stored;`);
    // R-CAT-1: one name per company, regardless of case and surrounding spaces.
    this.addSql(`create unique index "document_category_company_name_key" on ${s}."document_category" ("company_id", "name_key");`);
    this.addSql(`create table ${s}."document_category_history" (
      "id" uuid primary key default gen_random_uuid(),
      "seq" bigint generated always as identity unique,
      "category_id" uuid not null references ${s}."document_category" ("id") on delete cascade,
      "previous_name" text not null,
      "name" text not null,
      "previous_description" text null,
      "description" text null,
      "changed_by" uuid not null,
      "changed_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "document_category_history_category_idx" on ${s}."document_category_history" ("category_id", "seq");`);

    this.addSql(`create table ${s}."contract_template" (
      "id" uuid primary key default gen_random_uuid(),
      "seq" bigint generated always as identity unique,
      "company_id" uuid not null,
      "title" text not null check (length(btrim("title")) between 1 and 200),
      "body" text not null default '',
      "body_file_id" uuid null,
      "category_id" uuid null references ${s}."document_category" ("id") on delete set null,
      "signature_fields" jsonb not null default '[]',
      "created_by" uuid not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "contract_template_company_idx" on ${s}."contract_template" ("company_id", "seq" desc);`);
    this.addSql(`create index "contract_template_category_idx" on ${s}."contract_template" ("category_id");`);

    this.addSql(`create table ${s}."contract" (
      "id" uuid primary key default gen_random_uuid(),
      "company_id" uuid not null,
      "title" text not null check (length(btrim("title")) between 1 and 200),
      "body" text not null default '',
      "body_file_id" uuid null,
      "template_id" uuid null references ${s}."contract_template" ("id") on delete set null,
      "management_number" text null,
      "management_number_key" text generated always as (lower(regexp_replace("management_number", '\\s', '', 'g'))) stored,
      "status" text not null check ("status" in ('DRAFT', 'AWAITING_APPROVAL', 'APPROVED', 'SENT', 'COMPLETING', 'COMPLETED', 'CANCELLED', 'DISCARDED')),
      "author_id" uuid not null,
      "department_id" uuid null,
      "approval_required" boolean not null,
      "approver_id" uuid null,
      "decided_by" uuid null,
      "decided_at" timestamptz null,
      "decision_reason" text null,
      "parties" jsonb not null default '[]',
      "content_digest" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "sent_at" timestamptz null,
      "completed_at" timestamptz null,
      "cancelled_at" timestamptz null,
      "discarded_at" timestamptz null,
      "deleted_at" timestamptz null
    );`);
    // R-COMPANY-2: a number is unique within the company regardless of case and spaces (deleted contracts keep theirs).
    this.addSql(
      `create unique index "contract_company_number_key" on ${s}."contract" ("company_id", "management_number_key") where "management_number_key" is not null;`,
    );
    this.addSql(`create index "contract_completing_idx" on ${s}."contract" ("updated_at") where "status" = 'COMPLETING';`);

    // Each company's own copy of the filing: SENT for the writer's company, RECEIVED for an addressee's; owner and department decide visibility.
    this.addSql(`create table ${s}."contract_filing" (
      "seq" bigint generated always as identity primary key,
      "contract_id" uuid not null references ${s}."contract" ("id") on delete cascade,
      "company_id" uuid not null,
      "box" text not null check ("box" in ('SENT', 'RECEIVED')),
      "owner_id" uuid not null,
      "owner_department_id" uuid null,
      "category_id" uuid null references ${s}."document_category" ("id") on delete set null,
      "filed_at" timestamptz not null default now(),
      unique ("contract_id", "company_id")
    );`);
    this.addSql(`create index "contract_filing_company_idx" on ${s}."contract_filing" ("company_id", "seq" desc);`);
    this.addSql(`create index "contract_filing_category_idx" on ${s}."contract_filing" ("category_id");`);

    // R-NUM-1: the last serial issued per company and Seoul month; only ever incremented, in one statement.
    this.addSql(`create table ${s}."contract_number_counter" (
      "company_id" uuid not null,
      "period" text not null check ("period" ~ '^[0-9]{4}-[0-9]{2}$'),
      "last_serial" integer not null check ("last_serial" between 1 and 99999),
      primary key ("company_id", "period")
    );`);

    // The same shape as organization's audit trail, written in the transaction of the change.
    this.addSql(`create table ${s}."audit_entry" (
      "id" uuid primary key,
      "seq" bigserial not null unique,
      "company_id" uuid not null,
      "actor_id" uuid null,
      "action" text not null,
      "target_type" text not null,
      "target_id" text null,
      "before" jsonb null,
      "after" jsonb null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "audit_entry_company_seq_idx" on ${s}."audit_entry" ("company_id", "seq" desc);`);
  }
}
