import { Field, InputType } from 'type-graphql';
import { ContractNumbering } from './company.entity.ts';

@InputType({ description: 'R-COMPANY-1,2: omitted fields stay as they are.' })
export class UpdateCompanySettingsInput {
  @Field(() => Boolean, { nullable: true })
  internalApproval?: boolean | null;

  @Field(() => ContractNumbering, { nullable: true })
  contractNumbering?: ContractNumbering | null;
}
