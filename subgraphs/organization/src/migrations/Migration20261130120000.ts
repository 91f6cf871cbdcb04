import { Migration } from '@mikro-orm/migrations';

/**
 * Rank and department names are compared "regardless of case" by one folding, computed in code
 * (`foldCase`) and stored here, so SQL's lower() (which folds Greek sigma differently) no longer decides.
 */
export class Migration20261130120000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['rank', 'department']) {
      this.addSql(`alter table "organization"."${table}" add column "name_key" text;`);
      // Existing rows: lower() equals the code's folding for every name the product has stored so far (Korean, Latin).
      this.addSql(`update "organization"."${table}" set "name_key" = lower("name");`);
      this.addSql(`alter table "organization"."${table}" alter column "name_key" set not null;`);
    }
    this.addSql(`drop index "organization"."rank_name_unique";`);
    this.addSql(`create unique index "rank_name_key_unique" on "organization"."rank" ("company_id", "name_key");`);
    this.addSql(`drop index "organization"."department_sibling_name_unique";`);
    this.addSql(
      `create unique index "department_sibling_name_key_unique" on "organization"."department" ("company_id", coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid), "name_key");`,
    );
  }
}
