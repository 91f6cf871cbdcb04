import { connectionType, Grade } from '@econtract/server-kit';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { StaffPermissions } from './staff-permissions.ts';
import { User } from './user.type.ts';

registerEnumType(Grade, { name: 'Grade', description: 'R-STAFF-4: what a member may see and do.' });

/** The grades the total admin gives to the accounts they create (R-STAFF-1). */
export const StaffGrade = { DEPARTMENT_MANAGER: Grade.DEPARTMENT_MANAGER, STAFF: Grade.STAFF } as const;
export type StaffGrade = (typeof StaffGrade)[keyof typeof StaffGrade];
registerEnumType(StaffGrade, { name: 'StaffGrade', description: 'Grades the total admin can give: department manager (부서관리자) or staff (업무담당자).' });

@InputType({ description: 'R-STAFF-1: a new department manager or staff member with their login account.' })
export class RegisterStaffInput {
  @Field(() => String, { description: '4–20 characters: a letter first, then letters, digits, ".", "_" or "-"; unique regardless of case.' })
  loginId!: string;

  @Field(() => String, { description: 'Initial password, 8–128 characters; common passwords are refused.' })
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The verification mail goes here; the account works once it is verified (R-STAFF-2).' })
  email!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true })
  rankId?: string | null;

  @Field(() => StaffGrade)
  grade!: StaffGrade;

  @Field(() => Boolean, { defaultValue: false, description: 'R-STAFF-3: may be chosen as an approver.' })
  approvalAuthority!: boolean;

  @Field(() => StaffPermissions, { nullable: true, description: 'R-PERM-1; none when omitted.' })
  permissions?: StaffPermissions | null;

  @Field(() => String, { nullable: true, description: 'Any unique string per registration form: sending it again returns the first result instead of registering twice.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Omitted fields stay as they are; departmentId or rankId null clears it.' })
export class UpdateStaffInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A changed address is verified again before the next sign-in.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the number.' })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true })
  rankId?: string | null;

  @Field(() => StaffGrade, { nullable: true })
  grade?: StaffGrade | null;

  @Field(() => Boolean, { nullable: true })
  approvalAuthority?: boolean | null;
}

@InputType({ description: 'Every condition given must hold.' })
export class StaffFilter {
  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'With departmentId: also staff of its sub-departments.' })
  includeSubDepartments!: boolean;

  @Field(() => Grade, { nullable: true })
  grade?: Grade | null;

  @Field(() => Boolean, { nullable: true, description: 'true: active only; false: suspended only.' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or login ID, regardless of case.' })
  search?: string | null;
}

export const StaffConnection = connectionType(User, 'Staff', "The company's members in registration order.");
export type StaffConnection = InstanceType<typeof StaffConnection>;
