import { connectionType } from '@econtract/server-kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../staff/user.type.ts';

/** One administrative change in a company: who, when, what, and the values before and after. */
@ObjectType({ description: 'An administrative change (settings, departments, ranks, staff), recorded with the change itself.' })
export class AuditEntry {
  @Field(() => ID, { description: "The entry's ID." })
  id!: string;

  @Field(() => String, { description: 'What was done, e.g. DEPARTMENT_CREATED, STAFF_SUSPENDED.' })
  action!: string;

  @Field(() => User, { description: 'Who did it.' })
  actor!: User;

  @Field(() => String, { description: 'COMPANY, DEPARTMENT, RANKS or STAFF.' })
  targetType!: string;

  @Field(() => ID, { nullable: true, description: 'The changed department or staff member; null for company-wide lists.' })
  targetId!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the changed values before the change; null when something was created.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the changed values after the change; null when something was deleted.' })
  after!: string | null;

  @Field(() => Date, { description: 'When the change was made.' })
  createdAt!: Date;
}

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry', 'The audit trail, newest first, a page at a time.');
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;
