import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { IdentityRoutes } from '@econtract/identity/routes';
import { AppError, badUserInput, conflict, msg, type Message } from '@econtract/server-kit';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { AuditTarget, recordAudits } from '../audit/audit.service.ts';
import { categoryOf } from '../category/document-category.service.ts';
import { clock } from '../clock.ts';
import type { DocumentsContext } from '../context.ts';
import { templateOf } from '../template/contract-template.service.ts';
import { ContractPartyInput } from './contract.inputs.ts';
import { numberKey, reserveNumbers } from './contract.numbering.ts';
import { companySettings, contractBody, contractTitle, counterparties, ensureApprover, manualNumber, numberTaken } from './contract.service.ts';
import { Contract, CONTRACT_COLUMNS, contractFromRow, PartyRole, type PartyRecord } from './contract.type.ts';
import { inList } from './contract.visibility.ts';

/** Issue #10 item 5: one call issues at most this many contracts (the gateway admits a body of up to 1 MB for it). */
export const MAX_BULK_ROWS = 1000;
/** Row errors listed in `extensions.rows`; the count of all of them is in `extensions.rowErrorCount`. */
const MAX_REPORTED_ROWS = 100;
/** Rows per INSERT statement, well below PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 250;
/** `{{name}}` in a template's body: a place each row fills with its own value. */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

@InputType({ description: "A value for one `{{name}}` place in the template's body." })
export class ContractFieldValueInput {
  @Field(() => String, { description: "The place's name, as written between `{{` and `}}` in the template body." })
  name!: string;

  @Field(() => String, { description: 'The text put in its place, up to 2,000 characters.' })
  value!: string;
}

@InputType({ description: 'One contract of a bulk issuance: who it goes to and what differs from the template.' })
export class BulkContractRowInput {
  @Field(() => String, { nullable: true, description: "The title, 1–200 characters; the template's when omitted." })
  title?: string | null;

  @Field(() => [ContractPartyInput], { description: 'The counterparties of this contract, 1–50.' })
  parties!: ContractPartyInput[];

  @Field(() => [ContractFieldValueInput], { nullable: true, description: "Values for every `{{name}}` place in the template's body." })
  fields?: ContractFieldValueInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The management number, only when the company numbers contracts by hand; unique in the company and in the batch.',
  })
  managementNumber?: string | null;
}

@InputType({ description: 'Contracts issued in bulk (대량발행) from one template.' })
export class CreateContractsInBulkInput {
  @Field(() => ID, { description: 'The template (양식) every contract is written from.' })
  templateId!: string;

  @Field(() => [BulkContractRowInput], { description: `One row per contract, 1–${MAX_BULK_ROWS}; row numbers in errors count from 1.` })
  rows!: BulkContractRowInput[];

  @Field(() => ID, { nullable: true, description: "The category to file them under; the template's when omitted." })
  categoryId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether internal approval is needed before sending; the company's setting when omitted." })
  approvalRequired?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The approver of every contract (see `approvers`).' })
  approverId?: string | null;
}

export interface RowProblem {
  /** 1-based, as a spreadsheet counts its data rows. */
  row: number;
  field: string;
  message: string;
  messageKo: string;
}

interface ValidRow {
  title: string;
  body: string;
  parties: PartyRecord[];
  manual: string | null;
}

/** The template body with each row's values in its `{{name}}` places; every place needs a value and every value a place. */
function fillPlaces(body: string, places: ReadonlySet<string>, fields: ContractFieldValueInput[]): string {
  const values = new Map<string, string>();
  for (const field of fields) {
    const name = field.name.trim();
    if (!places.has(name)) {
      throw badUserInput(msg(`The template has no place named "${name}".`, `양식에 "${name}" 항목이 없습니다.`), { field: `fields.${name}` });
    }
    if (values.has(name)) throw badUserInput(msg(`"${name}" is given twice.`, `"${name}" 항목이 두 번 입력되었습니다.`), { field: `fields.${name}` });
    if (field.value.length > 2000)
      throw badUserInput(msg(`"${name}" has more than 2,000 characters.`, `"${name}" 항목은 2,000자 이하로 입력해 주세요.`), { field: `fields.${name}` });
    values.set(name, field.value);
  }
  const missing = [...places].find((place) => !values.has(place));
  if (missing) throw badUserInput(msg(`Give a value for "${missing}".`, `"${missing}" 항목의 값을 입력해 주세요.`), { field: `fields.${missing}` });
  return body.replace(PLACEHOLDER, (_whole, name: string) => values.get(name.trim()) ?? '');
}

const problemOf = (row: number, error: AppError): RowProblem => ({
  row,
  field: typeof error.extensions.field === 'string' ? error.extensions.field : 'row',
  message: error.localized.en,
  messageKo: error.localized.ko,
});

function refuseRows(problems: RowProblem[], total: number): never {
  const first = problems[0]!;
  const summary: Message = msg(
    `${problems.length} of ${total} rows cannot be issued, so none was (row ${first.row}, ${first.field}: ${first.message}). Correct the rows listed in extensions.rows and send all of them again.`,
    `${total}건 중 ${problems.length}건에 오류가 있어 한 건도 발행하지 않았습니다(${first.row}행, ${first.field}: ${first.messageKo}). extensions.rows의 행을 고친 뒤 전체를 다시 보내 주세요.`,
  );
  throw badUserInput(summary, { field: 'rows', rows: problems.slice(0, MAX_REPORTED_ROWS), rowErrorCount: problems.length });
}

/**
 * Issue #10 item 5 (R-PERM-1 "write"): up to 1,000 drafts from one template, all or none. Every row
 * is checked first and any problem refuses the whole batch naming its rows; then one transaction
 * reserves the batch's automatic numbers in one counter statement (consecutive, no other contract's
 * number between them) and inserts the contracts, filings and audit entries a few statements at a time.
 */
export async function createContractsInBulk(ctx: DocumentsContext, input: CreateContractsInBulkInput): Promise<Contract[]> {
  const viewer = ctx.viewer!;
  const member = viewer.member!;
  const companyId = member.companyId;
  const rows = input.rows ?? [];
  if (rows.length < 1 || rows.length > MAX_BULK_ROWS) {
    throw badUserInput(msg(`Send 1 to ${MAX_BULK_ROWS} rows at once.`, `한 번에 1행 이상 ${MAX_BULK_ROWS}행 이하로 보내 주세요.`), { field: 'rows' });
  }
  const template = await templateOf(ctx.em, companyId, input.templateId);
  const categoryId = input.categoryId ? (await categoryOf(ctx.em, companyId, input.categoryId)).id : template.categoryId;
  const [settings, [author]] = await Promise.all([
    companySettings(ctx, companyId),
    ctx.services.to<IdentityRoutes>('identity').account.lookup.query({ accountIds: [viewer.userId] }),
  ]);
  const approvalRequired = input.approvalRequired ?? settings.internalApproval;
  if (input.approverId) await ensureApprover(ctx, companyId, input.approverId, viewer.userId);
  const auto = settings.contractNumbering === 'AUTO';
  const places = new Set([...template.body.matchAll(PLACEHOLDER)].map((match) => match[1]!.trim()));

  const problems: RowProblem[] = [];
  const valid: ValidRow[] = [];
  const rowOfNumber = new Map<string, number>();
  rows.forEach((row, index) => {
    const at = index + 1;
    try {
      if (!row.parties?.length)
        throw badUserInput(msg('Each row needs at least one counterparty.', '행마다 계약 상대방이 한 명 이상 필요합니다.'), { field: 'parties' });
      let manual: string | null = null;
      if (row.managementNumber != null) {
        if (auto)
          throw badUserInput(
            msg('Your company numbers contracts automatically; leave the number empty.', '회사 설정이 자동 계약관리번호이므로 번호를 비워 두어야 합니다.'),
            { field: 'managementNumber' },
          );
        manual = manualNumber(row.managementNumber);
        const key = manual === null ? null : numberKey(manual);
        if (key !== null && rowOfNumber.has(key)) {
          throw badUserInput(
            msg(
              `Management number "${manual}" is also in row ${rowOfNumber.get(key)}.`,
              `계약관리번호 "${manual}"이(가) ${rowOfNumber.get(key)}행에도 있습니다.`,
            ),
            { field: 'managementNumber' },
          );
        }
        if (key !== null) rowOfNumber.set(key, at);
      }
      valid.push({
        title: contractTitle(row.title ?? template.title),
        parties: counterparties(row.parties),
        body: contractBody(fillPlaces(template.body, places, row.fields ?? [])),
        manual,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push(problemOf(at, error));
    }
  });
  if (rowOfNumber.size) {
    const keys = [...rowOfNumber.keys()];
    const taken = await ctx.em.execute<Array<{ key: string; number: string }>>(
      `select "management_number_key" as "key", "management_number" as "number" from "documents"."contract" where "company_id" = ? and "management_number_key" in (${inList(keys)})`,
      [companyId, ...keys],
    );
    for (const { key, number } of taken) problems.push({ ...problemOf(rowOfNumber.get(key)!, numberTaken(number)), field: 'managementNumber' });
    problems.sort((a, b) => a.row - b.row);
  }
  if (problems.length) refuseRows(problems, rows.length);

  const sender: PartyRecord = { role: PartyRole.SENDER, name: settings.name, email: author?.email ?? '', phone: null, company: settings.name };
  const ids = valid.map(() => randomUUID());
  try {
    await ctx.em.transactional(async (tx) => {
      const now = clock.now();
      const numbers = auto ? await reserveNumbers(tx, companyId, now, valid.length) : valid.map((row) => row.manual);
      for (let start = 0; start < valid.length; start += ROWS_PER_STATEMENT) {
        const chunk = valid.slice(start, start + ROWS_PER_STATEMENT);
        await tx.execute(
          `insert into "documents"."contract" ("id", "company_id", "title", "body", "body_file_id", "template_id", "management_number", "status", "author_id", "department_id", "approval_required", "approver_id", "parties", "created_at", "updated_at")
           values ${chunk.map(() => `(?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?)`).join(', ')}`,
          chunk.flatMap((row, i) => [
            ids[start + i],
            companyId,
            row.title,
            row.body,
            // The template's PDF is shared, not copied: stored files never change.
            template.bodyFileId,
            template.id,
            numbers[start + i] ?? null,
            viewer.userId,
            member.departmentId,
            approvalRequired,
            input.approverId ?? null,
            JSON.stringify([sender, ...row.parties]),
            now,
            now,
          ]),
        );
        // Filed in row order, so the newest-first list shows the last row first, like single creations.
        await tx.execute(
          `insert into "documents"."contract_filing" ("contract_id", "company_id", "box", "owner_id", "owner_department_id", "category_id", "filed_at") values ${chunk.map(() => `(?, ?, 'SENT', ?, ?, ?, ?)`).join(', ')}`,
          chunk.flatMap((_row, i) => [ids[start + i], companyId, viewer.userId, member.departmentId, categoryId, now]),
        );
      }
      await recordAudits(
        tx,
        viewer,
        valid.map((row, i) => ({
          companyId,
          action: 'CONTRACT_CREATED',
          targetType: AuditTarget.CONTRACT,
          targetId: ids[i]!,
          after: {
            status: 'DRAFT',
            title: row.title,
            managementNumber: numbers[i] ?? null,
            approvalRequired,
            approverId: input.approverId ?? null,
            bulk: { row: i + 1, of: valid.length },
          },
        })),
      );
    });
  } catch (error) {
    // A number set by hand and taken by a contract written since the check above.
    if (error instanceof UniqueConstraintViolationException && !auto) {
      throw conflict(
        msg(
          'A management number of the batch was taken by a contract written meanwhile; nothing was issued. Send the batch again.',
          '그 사이 작성된 계약서가 일괄 발행의 계약관리번호를 사용하여 한 건도 발행하지 않았습니다. 다시 보내 주세요.',
        ),
      );
    }
    throw error;
  }
  const written = await ctx.em.execute(
    `select ${CONTRACT_COLUMNS} from "documents"."contract_filing" f join "documents"."contract" c on c."id" = f."contract_id" where f."company_id" = ? and c."id" in (${inList(ids)})`,
    [companyId, ...ids],
  );
  const byId = new Map(written.map((row) => [row.id as string, contractFromRow(row)]));
  return ids.map((id) => byId.get(id)!);
}

@Resolver(() => Contract)
export class ContractBulkResolver {
  @Mutation(() => [Contract], {
    description: `Issues up to ${MAX_BULK_ROWS} draft contracts (대량발행) from one template, one per row, all or none: any row with a problem refuses the whole batch, naming each such row in \`extensions.rows\`. With automatic numbering they get consecutive management numbers. Returned in row order. Needs the write permission.`,
  })
  createContractsInBulk(
    @Arg('input', () => CreateContractsInBulkInput, { description: 'The template and the rows.' }) input: CreateContractsInBulkInput,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Contract[]> {
    return createContractsInBulk(ctx, input);
  }
}
