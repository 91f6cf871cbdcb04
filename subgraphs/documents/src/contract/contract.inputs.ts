import { Field, ID, InputType } from 'type-graphql';
import { ContractBox, ContractStatus } from './contract.type.ts';

@InputType({ description: 'A counterparty: someone the contract is sent to.' })
export class ContractPartyInput {
  @Field(() => String, { description: "The party's name, 1–100 characters." })
  name!: string;

  @Field(() => String, {
    description:
      "The party's email address; when it belongs to a member of another company on the service, the contract appears in that company's received box.",
  })
  email!: string;

  @Field(() => String, { nullable: true, description: "The party's phone number." })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "The party's company name." })
  company?: string | null;
}

@InputType({ description: 'A new contract (a draft).' })
export class CreateContractInput {
  @Field(() => ID, { nullable: true, description: 'A contract template (양식) supplying the title, body and category where these are omitted.' })
  templateId?: string | null;

  @Field(() => String, { nullable: true, description: 'The title, 1–200 characters; required unless the template gives one.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The text body, up to 100,000 characters.' })
  body?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "A PDF body: the `fileId` of a CONTRACT_PDF upload (prepareUpload), not used by any other record. When omitted, a template's PDF is shared.",
  })
  bodyFileId?: string | null;

  @Field(() => ID, { nullable: true, description: "One of the company's categories to file it under." })
  categoryId?: string | null;

  @Field(() => [ContractPartyInput], { nullable: true, description: 'The counterparties, up to 50; at least one is needed to send.' })
  parties?: ContractPartyInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether internal approval is needed before sending; the company's internal-approval setting when omitted.",
  })
  approvalRequired?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The approver: an active member of the company holding approval authority (see `approvers`).' })
  approverId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The management number, only when the company numbers contracts by hand; unique in the company regardless of case and spaces.',
  })
  managementNumber?: string | null;
}

@InputType({ description: 'Changes to a draft; omitted fields stay as they are.' })
export class UpdateContractInput {
  @Field(() => String, { nullable: true, description: 'The new title, 1–200 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The new text body, up to 100,000 characters.' })
  body?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A new PDF body: the `fileId` of a CONTRACT_PDF upload (prepareUpload), not used by any other record; replaces the old PDF.',
  })
  bodyFileId?: string | null;

  @Field(() => [ContractPartyInput], { nullable: true, description: 'The new list of counterparties (replaces the old one).' })
  parties?: ContractPartyInput[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether internal approval is needed before sending.' })
  approvalRequired?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The new approver (see `approvers`).' })
  approverId?: string | null;

  @Field(() => String, { nullable: true, description: 'The management number, only when the company numbers contracts by hand; an empty string clears it.' })
  managementNumber?: string | null;
}

@InputType({ description: "Which of the viewer's contracts to list; every condition given must hold." })
export class ContractFilter {
  @Field(() => ContractBox, { nullable: true, description: 'Only the sent or only the received box; both when omitted.' })
  box?: ContractBox | null;

  @Field(() => ID, { nullable: true, description: "Only contracts the viewer's company filed under this category." })
  categoryId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True: only contracts the viewer's company has not categorised." })
  uncategorized?: boolean | null;

  @Field(() => ContractStatus, { nullable: true, description: 'Only contracts in this status.' })
  status?: ContractStatus | null;

  @Field(() => String, { nullable: true, description: 'Only the contract with this management number (regardless of case and spaces).' })
  managementNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the title, regardless of case (Korean included).' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only contracts written by this user.' })
  authorId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only contracts written at or after this time.' })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only contracts written before this time.' })
  createdTo?: Date | null;
}
