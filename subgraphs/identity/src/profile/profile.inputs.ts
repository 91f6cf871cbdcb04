import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Proof that the password was just confirmed, for updateProfile.' })
export class StepUpResult {
  @Field(() => String, { description: 'Pass to updateProfile; valid for 10 minutes, for this sign-in only.' })
  token!: string;

  @Field(() => Date, { description: 'When the token stops working.' })
  expiresAt!: Date;
}

@ObjectType({ description: 'A text-message code on its way to a mobile number.' })
export class PhoneVerificationStarted {
  @Field(() => ID, { description: 'Pass to confirmPhoneVerification, then to updateProfile as phoneVerificationId.' })
  id!: string;

  @Field(() => Date, { description: 'The code stops working at this time (3 minutes).' })
  expiresAt!: Date;
}

@InputType({ description: "Changes to the viewer's own profile; only the fields given change." })
export class UpdateProfileInput {
  @Field(() => String, { description: 'The token from confirmPassword.' })
  stepUpToken!: string;

  @Field(() => String, { nullable: true, description: 'New name, up to 50 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New email address; it must be verified again before the next sign-in.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'New mobile number; needs phoneVerificationId, confirmed for this exact number.' })
  phone?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'From startPhoneVerification (started within the last 30 minutes), confirmed with confirmPhoneVerification.',
  })
  phoneVerificationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'New password, 8–128 characters (common passwords and ones containing the login ID are refused); it changes only when given, and every other sign-in ends.',
  })
  newPassword?: string | null;
}
