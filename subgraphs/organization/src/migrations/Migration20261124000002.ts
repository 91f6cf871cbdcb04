import { Migration } from '@mikro-orm/migrations';

export class Migration20261124000002 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "organization"."company" add column "referral_code" text null, add column "created_by_account_id" uuid null;`);
    // Referral codes are typed by people in any case, so they are unique regardless of case.
    this.addSql(`create unique index "company_referral_code_unique" on "organization"."company" (upper("referral_code"));`);
    // One company per signing-up account: a retried or concurrent signup cannot create a second one.
    this.addSql(
      `create unique index "company_created_by_account_id_unique" on "organization"."company" ("created_by_account_id") where "created_by_account_id" is not null;`,
    );
  }
}
