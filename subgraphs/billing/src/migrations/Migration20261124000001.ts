import { Migration } from '@mikro-orm/migrations';
import { createOutboxTableSql } from '@econtract/server-kit';

export class Migration20261124000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "billing"."plan" (
      "code" text primary key,
      "name" text not null,
      "kind" text not null check ("kind" in ('PAID', 'FREE_PASS', 'EVENT')),
      "contract_count" integer not null check ("contract_count" > 0),
      "price_krw" integer not null check ("price_krw" >= 0),
      "validity_months" integer not null check ("validity_months" > 0),
      "purchasable" boolean not null,
      "sort_order" integer not null
    );`);
    this.addSql(createOutboxTableSql('billing'));
  }
}
