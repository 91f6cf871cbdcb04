import { Migration } from '@mikro-orm/migrations';
import { createOutboxTableSql } from '@econtract/server-kit';

export class Migration20261124000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "documents"."document_category" (
      "id" uuid primary key default gen_random_uuid(),
      "company_id" uuid not null,
      "name" text not null check (length(btrim("name")) between 1 and 50),
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "document_category_company_idx" on "documents"."document_category" ("company_id", "name");`);
    this.addSql(createOutboxTableSql('documents'));
  }
}
