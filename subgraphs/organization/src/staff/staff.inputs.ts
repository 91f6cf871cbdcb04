import { connectionType, Grade } from '@econtract/server-kit';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { StaffPermissions } from './staff-permissions.ts';
import { User } from './user.type.ts';

registerEnumType(Grade, {
  name: 'Grade',
  description: 'What a member may see and do.',
  valuesConfig: {
    TOTAL_ADMIN: { description: 'The total admin (총괄관리자): manages the company and sees all its contracts.' },
    DEPARTMENT_MANAGER: {
      description: 'A department manager (부서관리자): full rights on own contracts; sees those of their department and its sub-departments.',
    },
    STAFF: { description: 'A staff member (업무담당자): full rights on own contracts; sees those of their department.' },
    INDIVIDUAL: { description: 'An individual member (개인회원), alone in a personal workspace.' },
  },
});

/** The grades the total admin gives to the accounts they create (R-STAFF-1). */
export const StaffGrade = { DEPARTMENT_MANAGER: Grade.DEPARTMENT_MANAGER, STAFF: Grade.STAFF } as const;
export type StaffGrade = (typeof StaffGrade)[keyof typeof StaffGrade];
registerEnumType(StaffGrade, {
  name: 'StaffGrade',
  description: 'Grades the total admin can give: department manager (부서관리자) or staff (업무담당자).',
  valuesConfig: {
    DEPARTMENT_MANAGER: {
      description: 'A department manager (부서관리자): full rights on own contracts; sees those of their department and its sub-departments.',
    },
    STAFF: { description: 'A staff member (업무담당자): full rights on own contracts; sees those of their department.' },
  },
});

@InputType({ description: 'A new department manager or staff member with their login account.' })
export class RegisterStaffInput {
  @Field(() => String, { description: '4–20 characters: a letter first, then letters, digits, ".", "_" or "-"; unique regardless of case.' })
  loginId!: string;

  @Field(() => String, { description: 'Initial password, 8–128 characters; common passwords are refused.' })
  password!: string;

  @Field(() => String, { description: "The person's name, up to 50 characters." })
  name!: string;

  @Field(() => String, { description: 'The verification mail goes here; the account works once it is verified.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Mobile number, e.g. 010-1234-5678.' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Their department; none when omitted.' })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Their rank (직급); none when omitted.' })
  rankId?: string | null;

  @Field(() => StaffGrade, { description: 'Department manager or staff.' })
  grade!: StaffGrade;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether they may be chosen as an approver (결재권한).' })
  approvalAuthority!: boolean;

  @Field(() => StaffPermissions, { nullable: true, description: 'Extra permissions; none when omitted.' })
  permissions?: StaffPermissions | null;

  @Field(() => String, {
    nullable: true,
    description: 'Any unique string per registration form: sending it again returns the first result instead of registering twice.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Omitted fields stay as they are; departmentId or rankId null clears it.' })
export class UpdateStaffInput {
  @Field(() => String, { nullable: true, description: 'New name, up to 50 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A changed address is verified again before the next sign-in.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the number.' })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'New department; null clears it.' })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New rank (직급); null clears it.' })
  rankId?: string | null;

  @Field(() => StaffGrade, { nullable: true, description: "New grade; the total admin's grade cannot change." })
  grade?: StaffGrade | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether they may be chosen as an approver (결재권한).' })
  approvalAuthority?: boolean | null;
}

@InputType({ description: 'Every condition given must hold.' })
export class StaffFilter {
  @Field(() => ID, { nullable: true, description: 'Only members of this department.' })
  departmentId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'With departmentId: also staff of its sub-departments.' })
  includeSubDepartments!: boolean;

  @Field(() => Grade, { nullable: true, description: 'Only members of this grade.' })
  grade?: Grade | null;

  @Field(() => Boolean, { nullable: true, description: 'true: active only; false: suspended only.' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or login ID, regardless of case.' })
  search?: string | null;
}

export const StaffConnection = connectionType(User, 'Staff', "The company's members in registration order, a page at a time.");
export type StaffConnection = InstanceType<typeof StaffConnection>;
