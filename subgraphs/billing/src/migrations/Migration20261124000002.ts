import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000002 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "billing"."prepaid_lot" (
      "id" uuid primary key,
      "company_id" uuid not null,
      "plan_code" text not null references "billing"."plan" ("code"),
      "kind" text not null check ("kind" in ('PAID', 'FREE_PASS', 'EVENT')),
      "charged_count" integer not null check ("charged_count" > 0),
      "used_count" integer not null default 0 check ("used_count" >= 0),
      "purchased_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "grant_key" text null,
      "created_at" timestamptz not null default now(),
      constraint "prepaid_lot_used_within_charged" check ("used_count" <= "charged_count"),
      constraint "prepaid_lot_expires_after_purchase" check ("expires_at" > "purchased_at")
    );`);
    // One lot per grant, even when a signup is retried concurrently (grants upsert on this key).
    this.addSql(`alter table "billing"."prepaid_lot" add constraint "prepaid_lot_grant_key_unique" unique ("grant_key");`);
    this.addSql(`create index "prepaid_lot_company_id_purchased_at_idx" on "billing"."prepaid_lot" ("company_id", "purchased_at");`);
  }
}
