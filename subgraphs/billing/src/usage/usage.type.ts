import { Field, ID, ObjectType } from 'type-graphql';

/** One contract unit consumed from a lot (R-BILL-7 detail view); a row of `billing.usage`. */
@ObjectType('Usage', { description: 'One contract unit consumed from a prepaid lot when a contract was completed.' })
export class Usage {
  @Field(() => ID, { description: "The usage's ID; pass it as `after` to get the next page." })
  id!: string;

  /** The lot it was deducted from (not in the schema: usages are read through their lot). */
  lotId!: string;

  @Field(() => ID, { description: 'The completed contract that consumed this unit.' })
  contractId!: string;

  @Field(() => String, { nullable: true, description: "The contract's management number, when it had one." })
  managementNumber!: string | null;

  @Field(() => Date, { description: 'When the contract was completed and the unit deducted.' })
  consumedAt!: Date;
}

export interface UsageRow {
  id: string;
  lot_id: string;
  contract_id: string;
  management_number: string | null;
  consumed_at: Date | string;
}

export const toUsage = (row: UsageRow): Usage =>
  Object.assign(new Usage(), {
    id: row.id,
    lotId: row.lot_id,
    contractId: row.contract_id,
    managementNumber: row.management_number,
    consumedAt: new Date(row.consumed_at),
  });
