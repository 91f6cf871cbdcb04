import { Migration } from '@mikro-orm/migrations';

/** Usage ledger, card payments (one row per order) and the audit trail (issue #5). */
export class Migration20261124000003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "billing"."usage" (
      "id" uuid primary key,
      "company_id" uuid not null,
      "contract_id" uuid not null,
      "lot_id" uuid not null references "billing"."prepaid_lot" ("id"),
      "management_number" text null,
      "consumed_at" timestamptz not null default now(),
      constraint "usage_company_id_contract_id_unique" unique ("company_id", "contract_id")
    );`);
    this.addSql(`create index "usage_lot_id_consumed_at_idx" on "billing"."usage" ("lot_id", "consumed_at", "id");`);

    this.addSql(`create table "billing"."payment" (
      "id" uuid primary key,
      "order_id" text not null,
      "company_id" uuid not null,
      "plan_code" text not null references "billing"."plan" ("code"),
      "amount_krw" integer not null check ("amount_krw" > 0),
      "supply_krw" integer not null check ("supply_krw" >= 0),
      "vat_krw" integer not null check ("vat_krw" >= 0),
      "status" text not null check ("status" in ('READY', 'APPROVED', 'DECLINED')),
      "requested_by" uuid not null,
      "payment_key" text null,
      "card_company" text null,
      "card_last4" text null,
      "approval_number" text null,
      "approved_at" timestamptz null,
      "decline_code" text null,
      "decline_message" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "payment_order_id_unique" unique ("order_id"),
      constraint "payment_amount_split" check ("supply_krw" + "vat_krw" = "amount_krw")
    );`);
    this.addSql(`create index "payment_company_id_created_at_idx" on "billing"."payment" ("company_id", "created_at", "id");`);
    // A payment creates at most one lot, even when confirmPayment is retried (R-BILL-6).
    this.addSql(`alter table "billing"."prepaid_lot" add column "payment_id" uuid null references "billing"."payment" ("id");`);
    this.addSql(`alter table "billing"."prepaid_lot" add constraint "prepaid_lot_payment_id_unique" unique ("payment_id");`);

    this.addSql(`create table "billing"."audit_event" (
      "id" uuid primary key,
      "company_id" uuid null,
      "actor_user_id" uuid null,
      "actor" text not null,
      "action" text not null,
      "target_type" text null,
      "target_id" text null,
      "amount_krw" integer null,
      "unit_count" integer null,
      "details" jsonb not null default '{}',
      "occurred_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "audit_event_company_id_occurred_at_idx" on "billing"."audit_event" ("company_id", "occurred_at");`);
  }
}
