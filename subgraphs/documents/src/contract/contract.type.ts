import { connectionType } from '@econtract/server-kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** The lifecycle (issue #10, item 1); COMPLETING is the short step between charging a unit and completion. */
export enum ContractStatus {
  DRAFT = 'DRAFT',
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  APPROVED = 'APPROVED',
  SENT = 'SENT',
  COMPLETING = 'COMPLETING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  DISCARDED = 'DISCARDED',
}
registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  description: 'Where a contract is in its life: written, approved internally, sent, completed, or ended.',
  valuesConfig: {
    DRAFT: { description: 'Being written (작성중); also where a rejected contract returns.' },
    AWAITING_APPROVAL: { description: 'Waiting for the chosen approver (내부결재 대기).' },
    APPROVED: { description: 'Approved internally; ready to send.' },
    SENT: { description: 'Sent to the counterparties; waiting to be completed.' },
    COMPLETING: { description: 'Completion is being recorded (one contract unit is being charged); becomes COMPLETED shortly.' },
    COMPLETED: { description: 'Completed (계약체결 완료); one contract unit was used.' },
    CANCELLED: { description: 'Cancelled (취소) before completion.' },
    DISCARDED: { description: 'Discarded (폐기) after completion: kept on record, no longer in force.' },
  },
});

export enum ContractBox {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
}
registerEnumType(ContractBox, {
  name: 'ContractBox',
  description: "Which of the viewer's company's boxes a contract is in.",
  valuesConfig: {
    SENT: { description: 'Written by the company (보낸 문서함).' },
    RECEIVED: { description: "Sent to one of the company's members by another company on the service (받은 문서함)." },
  },
});

export enum PartyRole {
  SENDER = 'SENDER',
  COUNTERPARTY = 'COUNTERPARTY',
}
registerEnumType(PartyRole, {
  name: 'PartyRole',
  description: 'Which side of the contract a party is on.',
  valuesConfig: {
    SENDER: { description: 'The company that wrote and sent the contract.' },
    COUNTERPARTY: { description: 'A party the contract is sent to.' },
  },
});

@ObjectType({ description: 'A party to a contract.' })
export class ContractParty {
  @Field(() => PartyRole, { description: 'The sending company or a counterparty.' })
  role!: PartyRole;

  @Field(() => String, { description: "The party's name (for the sender, the company's name)." })
  name!: string;

  @Field(() => String, { description: "The party's email address (for the sender, the author's)." })
  email!: string;

  @Field(() => String, { nullable: true, description: "The party's phone number, if given." })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: "The party's company name, if given." })
  company!: string | null;
}

@ObjectType({ description: "The approver's last decision on a contract." })
export class ContractApproval {
  /** Resolved to a User by the resolver. */
  decidedById!: string;

  @Field(() => Boolean, { description: 'True when approved, false when rejected.' })
  approved!: boolean;

  @Field(() => Date, { description: 'When the approver decided.' })
  decidedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The reason given with a rejection.' })
  reason!: string | null;
}

@ObjectType({
  description: 'What the viewer may do to a contract, by the same rule the mutations enforce (the contract must also be in a status that allows it).',
})
export class ContractPermissions {
  @Field(() => Boolean, { description: 'Edit, ask approval, send, cancel and file the contract.' })
  edit!: boolean;

  @Field(() => Boolean, { description: 'Delete the contract.' })
  delete!: boolean;

  @Field(() => Boolean, { description: 'Sign (complete) the contract.' })
  sign!: boolean;

  @Field(() => Boolean, { description: 'Discard (폐기) the contract.' })
  discard!: boolean;
}

export interface PartyRecord {
  role: PartyRole;
  name: string;
  email: string;
  phone: string | null;
  company: string | null;
}

/** A contract as one company files it: the contract's own columns plus that company's filing (box, owner, category). */
@ObjectType({ description: "A contract (계약서), as filed in the viewer's company." })
@Directive('@key(fields: "id")')
export class Contract {
  @Field(() => ID, { description: "The contract's ID." })
  id!: string;

  /** The sending company. */
  companyId!: string;

  @Field(() => String, { description: "The contract's title." })
  title!: string;

  @Field(() => String, { description: "The contract's text body." })
  body!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The management number (계약관리번호): YYYY-MM-NNNNN when automatic; null while a manual number is not set.',
  })
  managementNumber!: string | null;

  @Field(() => ContractStatus, { description: 'Where the contract is in its life.' })
  status!: ContractStatus;

  @Field(() => ContractBox, { description: "The viewer's company's box the contract is in." })
  box!: ContractBox;

  @Field(() => Boolean, { description: 'Whether internal approval (내부결재) is needed before sending.' })
  approvalRequired!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Fixed when the contract is sent; null before. Hex SHA-256 of the text body as UTF-8 and, when there is a PDF body, a 0x00 byte followed by the PDF bytes (a text-only contract: SHA-256 of its text).',
  })
  contentDigest!: string | null;

  @Field(() => Date, { description: 'When the contract was written.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was sent.' })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was completed.' })
  completedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  cancelledAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was discarded (폐기).' })
  discardedAt!: Date | null;

  /** The PDF body's stored file (shared with the template it came from, if that gave it); resolved to `bodyPdf`. */
  bodyFileId!: string | null;
  templateId!: string | null;
  authorId!: string;
  departmentId!: string | null;
  approverId!: string | null;
  decidedById!: string | null;
  decidedAt!: Date | null;
  decisionReason!: string | null;
  partyRecords!: PartyRecord[];
  updatedAt!: Date;
  /** The viewer's company's filing. */
  filingSeq!: string;
  filingCompanyId!: string;
  ownerId!: string;
  ownerDepartmentId!: string | null;
  categoryId!: string | null;
}

export const ContractConnection = connectionType(Contract, 'Contract', "A page of the viewer's contracts, newest first.");
export type ContractConnection = InstanceType<typeof ContractConnection>;

/** The columns every contract read selects: the contract and one company's filing of it. */
export const CONTRACT_COLUMNS = `c.*, f."seq" as "filing_seq", f."company_id" as "filing_company_id", f."box", f."owner_id", f."owner_department_id", f."category_id"`;

export function contractFromRow(row: Record<string, any>): Contract {
  const date = (value: unknown) => (value == null ? null : new Date(value as string));
  return Object.assign(new Contract(), {
    id: row.id,
    companyId: row.company_id,
    title: row.title,
    body: row.body,
    managementNumber: row.management_number,
    status: row.status,
    box: row.box,
    approvalRequired: row.approval_required,
    contentDigest: row.content_digest,
    createdAt: new Date(row.created_at),
    sentAt: date(row.sent_at),
    completedAt: date(row.completed_at),
    cancelledAt: date(row.cancelled_at),
    discardedAt: date(row.discarded_at),
    bodyFileId: row.body_file_id,
    templateId: row.template_id,
    authorId: row.author_id,
    departmentId: row.department_id,
    approverId: row.approver_id,
    decidedById: row.decided_by,
    decidedAt: date(row.decided_at),
    decisionReason: row.decision_reason,
    partyRecords: typeof row.parties === 'string' ? JSON.parse(row.parties) : row.parties,
    updatedAt: new Date(row.updated_at),
    filingSeq: String(row.filing_seq),
    filingCompanyId: row.filing_company_id,
    ownerId: row.owner_id,
    ownerDepartmentId: row.owner_department_id,
    categoryId: row.category_id,
  });
}
