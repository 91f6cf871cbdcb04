import { BigIntType, type Opt } from '@mikro-orm/core';
import { connectionType } from '@econtract/server-kit';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

/** Where a party signs, for the next issue's seals: a box on a page, in PDF points from the top-left corner. */
@ObjectType({ description: 'A place on the contract where one party signs or stamps a seal.' })
@InputType('SignatureFieldInput', { description: 'A place on the contract where one party signs or stamps a seal.' })
export class SignatureField {
  @Field(() => Int, { description: 'The page, from 1.' })
  page!: number;

  @Field(() => Float, { description: 'Distance from the left edge of the page, in points (1/72 inch).' })
  x!: number;

  @Field(() => Float, { description: 'Distance from the top edge of the page, in points.' })
  y!: number;

  @Field(() => Float, { description: 'Width, in points.' })
  width!: number;

  @Field(() => Float, { description: 'Height, in points.' })
  height!: number;

  @Field(() => Int, { description: 'Which party signs here: 0 is the sending company, 1 the first counterparty, and so on.' })
  partyIndex!: number;
}

/** A company's contract template (양식): what a new contract starts from. */
@ObjectType({ description: 'A contract template (양식): the title, body, category and signature places a new contract starts from.' })
@Entity({ tableName: 'contract_template' })
export class ContractTemplate {
  @Field(() => ID, { description: "The template's ID." })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Identity column: list order and cursors. */
  @Property({ type: new BigIntType('number'), autoincrement: true, returning: true })
  seq!: Opt<number>;

  @Property({ type: 'uuid' })
  companyId!: string;

  @Field(() => String, { description: "The template's title, used as a new contract's title." })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { description: 'The text body a new contract starts with.' })
  @Property({ type: 'text' })
  body: string = '';

  /** The PDF body's stored file (a claimed TEMPLATE_PDF upload); resolved to `bodyPdf`. */
  @Property({ type: 'uuid', nullable: true })
  bodyFileId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  categoryId: string | null = null;

  @Field(() => [SignatureField], { description: 'Where each party signs; with a PDF body, on its pages.' })
  @Property({ type: 'json' })
  signatureFields: SignatureField[] = [];

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Field(() => Date, { description: 'When the template was created.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the template last changed.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

export const ContractTemplateConnection = connectionType(ContractTemplate, 'ContractTemplate', "A page of the company's contract templates, newest first.");
export type ContractTemplateConnection = InstanceType<typeof ContractTemplateConnection>;
