import { Field, InputType, ObjectType } from 'type-graphql';
import { Account } from '../account/account.entity.ts';

@InputType({ description: 'Sign-up of an individual member (개인회원): one person with a personal workspace.' })
export class SignUpIndividualInput {
  @Field(() => String, { description: '4–20 characters: a letter first, then letters, digits, ".", "_" or "-".' })
  loginId!: string;

  @Field(() => String, { description: '8–128 characters; common passwords and ones containing the login ID are refused.' })
  password!: string;

  @Field(() => String, { description: "The person's name, up to 50 characters." })
  name!: string;

  @Field(() => String, { description: 'Email address; the verification link is sent to it.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Mobile number, e.g. 010-1234-5678.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "A referring company's referral code (추천인 코드); both companies get the referral event plan." })
  referralCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Any unique string (e.g. a UUID) per signup form: sending it again returns the first result instead of creating twice.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Sign-up of a corporate member (기업회원); the person signing up becomes its total admin.' })
export class SignUpCorporateInput extends SignUpIndividualInput {
  @Field(() => String, { description: "The company's name, up to 100 characters." })
  companyName!: string;

  @Field(() => String, { description: 'Business registration number (사업자등록번호): XXX-XX-XXXXX or 10 digits.' })
  businessNumber!: string;

  @Field(() => String, { description: "The representative's name (대표자명)." })
  representative!: string;
}

@ObjectType({ description: 'A new account; it can sign in once its email is verified.' })
export class SignUpResult {
  @Field(() => Account, { description: 'The new account.' })
  user!: Account;

  @Field(() => String, { description: 'Where the verification email went; the account works once it is verified.' })
  verificationEmailSentTo!: string;
}

@ObjectType({ description: 'Whether a business registration number can be used to sign up.' })
export class BusinessNumberCheck {
  @Field(() => Boolean, { description: 'Well-formed, with a correct check digit.' })
  valid!: boolean;

  @Field(() => Boolean, { description: 'Already registered by a company (it cannot sign up again).' })
  registered!: boolean;
}
