import { randomUUID } from 'node:crypto';
import { BigIntType, type Opt, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { connectionType } from '@econtract/server-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { PrepaidLot } from '../lot/prepaid-lot.entity.ts';

/** One contract unit consumed from a lot (R-BILL-7 detail view). */
@ObjectType('Usage', { description: 'One contract unit consumed from a prepaid lot when a contract was completed.' })
@Entity({ tableName: 'usage' })
@Unique({ name: 'usage_company_id_contract_id_unique', properties: ['companyId', 'contractId'] })
@Index({ name: 'usage_lot_id_seq_idx', properties: ['lot', 'seq'] })
export class Usage {
  @Field(() => ID, { description: "The usage's ID." })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The lot's company; with `contractId` the idempotency key (one unit per contract, ever). */
  @Property({ type: 'uuid' })
  companyId!: string;

  @Field(() => ID, { description: 'The completed contract that consumed this unit.' })
  @Property({ type: 'uuid' })
  contractId!: string;

  /** The lot it was deducted from (not in the schema: usages are read through their lot). A Ref: the two entity files import each other. */
  @ManyToOne(() => PrepaidLot, { ref: true, fieldName: 'lot_id' })
  lot!: Ref<PrepaidLot>;

  @Field(() => String, { nullable: true, description: "The contract's management number, when it had one." })
  @Property({ type: 'text', nullable: true })
  managementNumber: string | null = null;

  @Field(() => Date, { description: 'When the contract was completed and the unit deducted.' })
  @Property({ type: 'timestamptz' })
  consumedAt: Opt<Date> = new Date();

  /** Position in the ledger (identity column): the lot's usages list in this order, and cursors name it. */
  @Property({ type: new BigIntType('number'), autoincrement: true, returning: true })
  seq!: Opt<number>;
}

export const UsageConnection = connectionType(Usage, 'Usage', "A lot's consumed units, oldest first.");
export type UsageConnection = InstanceType<typeof UsageConnection>;
