import { Field, ID, InputType } from 'type-graphql';
import { SignatureField } from './contract-template.entity.ts';

@InputType({ description: 'A new contract template.' })
export class CreateContractTemplateInput {
  @Field(() => String, { description: 'The title, 1–200 characters.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'The text body, up to 100,000 characters.' })
  body?: string | null;

  @Field(() => ID, { nullable: true, description: 'A PDF body: the `fileId` of a TEMPLATE_PDF upload (prepareUpload), not used by any other record.' })
  bodyFileId?: string | null;

  @Field(() => ID, { nullable: true, description: "One of the company's categories." })
  categoryId?: string | null;

  @Field(() => [SignatureField], { nullable: true, description: 'Where each party signs, up to 100 places; with a PDF body, each on one of its pages.' })
  signatureFields?: SignatureField[] | null;
}

@InputType({ description: 'Changes to a template; omitted fields stay as they are.' })
export class UpdateContractTemplateInput {
  @Field(() => String, { nullable: true, description: 'The new title, 1–200 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The new text body, up to 100,000 characters.' })
  body?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A new PDF body: the `fileId` of a TEMPLATE_PDF upload, not used by any other record. Contracts already written keep the old PDF.',
  })
  bodyFileId?: string | null;

  @Field(() => ID, { nullable: true, description: "One of the company's categories; see clearCategory to remove it." })
  categoryId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: the template has no category any more.' })
  clearCategory?: boolean | null;

  @Field(() => [SignatureField], { nullable: true, description: 'The new signature places (replace the old ones); with a PDF body, each on one of its pages.' })
  signatureFields?: SignatureField[] | null;
}

@InputType({ description: 'Which templates to list.' })
export class ContractTemplateFilter {
  @Field(() => ID, { nullable: true, description: 'Only templates in this category.' })
  categoryId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only templates without a category.' })
  uncategorized?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the title, regardless of case.' })
  search?: string | null;
}
