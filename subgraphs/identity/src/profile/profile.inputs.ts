import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType()
export class StepUpResult {
  @Field(() => String, { description: 'Pass to updateProfile; valid for 10 minutes, for this sign-in only.' })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

@ObjectType()
export class PhoneVerificationStarted {
  @Field(() => ID)
  id!: string;

  @Field(() => Date, { description: 'The code stops working at this time (3 minutes).' })
  expiresAt!: Date;
}

@InputType({ description: 'R-PROFILE-1..4: only the fields given change.' })
export class UpdateProfileInput {
  @Field(() => String, { description: 'From confirmPassword (R-PROFILE-1).' })
  stepUpToken!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'R-PROFILE-4: a new address is verified by email before the next sign-in.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'R-PROFILE-2: needs phoneVerificationId, confirmed for this exact number.' })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  phoneVerificationId?: string | null;

  @Field(() => String, { nullable: true, description: 'R-PROFILE-3: the password changes only when this is given.' })
  newPassword?: string | null;
}
