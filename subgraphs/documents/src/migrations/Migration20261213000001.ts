import { Migration } from '@mikro-orm/migrations';

/** PDF bodies (#10): a contract's or template's `body_file_id` names a stored file, which is then never deleted. */
export class Migration20261213000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "documents"."contract" add constraint "contract_body_file_fk" foreign key ("body_file_id") references "documents"."stored_file" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "documents"."contract_template" add constraint "contract_template_body_file_fk" foreign key ("body_file_id") references "documents"."stored_file" ("id") on delete restrict;`,
    );
    // A file's contracts, for the day a file's users are asked for.
    this.addSql(`create index "contract_body_file_idx" on "documents"."contract" ("body_file_id") where "body_file_id" is not null;`);
  }
}
