import { Migration } from '@mikro-orm/migrations';

/** Uploaded files (#10): the record, and the bytes when FILE_STORAGE=postgres. */
export class Migration20261125120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "documents"."stored_file" (
      "id" uuid primary key,
      "company_id" uuid not null,
      "kind" text not null check ("kind" in ('CONTRACT_PDF', 'TEMPLATE_PDF', 'SEAL_IMAGE')),
      "content_type" text not null,
      "byte_size" integer not null check ("byte_size" > 0),
      "sha256" text not null check ("sha256" ~ '^[0-9a-f]{64}$'),
      "page_count" integer check ("page_count" > 0),
      "uploaded_by" uuid not null,
      "created_at" timestamptz not null default now(),
      "claimed_at" timestamptz,
      "bytes" bytea
    );`);
    // The sweeper's question: unclaimed files, oldest first.
    this.addSql(`create index "stored_file_unclaimed_idx" on "documents"."stored_file" ("created_at") where "claimed_at" is null;`);
  }
}
