import { Field, InputType, ObjectType } from 'type-graphql';
import { Account } from '../account/account.entity.ts';

@InputType({ description: 'R-SIGNUP-1: an individual member (one person, a personal workspace).' })
export class SignUpIndividualInput {
  @Field(() => String, { description: '4–20 characters: a letter first, then letters, digits, ".", "_" or "-".' })
  loginId!: string;

  @Field(() => String, { description: '8–128 characters; common passwords are refused.' })
  password!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: 'Mobile number, e.g. 010-1234-5678.' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "R-SIGNUP-4: a referring company's code." })
  referralCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Any unique string (e.g. a UUID) per signup form: sending it again returns the first result instead of creating twice.' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'R-SIGNUP-1: a corporate member; the person signing up becomes its total admin.' })
export class SignUpCorporateInput extends SignUpIndividualInput {
  @Field(() => String)
  companyName!: string;

  @Field(() => String, { description: 'R-SIGNUP-2: XXX-XX-XXXXX or 10 digits.' })
  businessNumber!: string;

  @Field(() => String, { description: "The representative's name (대표자명)." })
  representative!: string;
}

@ObjectType()
export class SignUpResult {
  @Field(() => Account)
  user!: Account;

  @Field(() => String, { description: 'Where the verification email went; the account works once it is verified.' })
  verificationEmailSentTo!: string;
}

@ObjectType()
export class BusinessNumberCheck {
  @Field(() => Boolean, { description: 'Well-formed, with a correct check digit.' })
  valid!: boolean;

  @Field(() => Boolean, { description: 'Already registered by a company (it cannot sign up again).' })
  registered!: boolean;
}
