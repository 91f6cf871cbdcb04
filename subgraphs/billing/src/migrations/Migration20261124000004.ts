import { Migration } from '@mikro-orm/migrations';
import { outboxDeliverySql } from '@econtract/server-kit';

/** Delivery state for the outbox relay (SMTP). */
export class Migration20261124000004 extends Migration {
  override async up(): Promise<void> {
    this.addSql(outboxDeliverySql('billing'));
  }
}
