import { Field, InputType } from 'type-graphql';
import { ContractNumbering } from './company.entity.ts';

@InputType({ description: 'Company settings to change; omitted fields stay as they are.' })
export class UpdateCompanySettingsInput {
  @Field(() => Boolean, { nullable: true, description: 'Whether internal approval (내부결재) is chosen by default.' })
  internalApproval?: boolean | null;

  @Field(() => ContractNumbering, { nullable: true, description: 'Automatic or manual contract management numbers.' })
  contractNumbering?: ContractNumbering | null;
}
