import { Migration } from '@mikro-orm/migrations';
import { outboxSealingSql, rateLimitTableSql } from '@econtract/server-kit';

/** Rate-limit counters shared by every replica, and sealed outbox bodies (issue #12). */
export class Migration20261212000001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(rateLimitTableSql('billing'));
    this.addSql(outboxSealingSql('billing'));
  }
}
