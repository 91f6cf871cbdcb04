import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { BillingRoutes } from '@econtract/billing/routes';
import type { IdentityRoutes } from '@econtract/identity/routes';
import type { OrganizationRoutes } from '@econtract/organization/routes';
import {
  AppError,
  badUserInput,
  conflict,
  type EntityManager,
  ErrorCode,
  forbidden,
  isUuid,
  msg,
  notFound,
  UploadKind,
  type Viewer,
} from '@econtract/server-kit';
import { z } from 'zod';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { categoryOf } from '../category/document-category.service.ts';
import { clock } from '../clock.ts';
import type { DocumentsContext } from '../context.ts';
import { templateOf } from '../template/contract-template.service.ts';
import { contentDigest } from '../upload/body-pdf.ts';
import { claimUpload } from '../upload/upload.service.ts';
import type { ContractPartyInput, CreateContractInput, UpdateContractInput } from './contract.inputs.ts';
import { reserveNumbers } from './contract.numbering.ts';
import { allows, type ContractAction } from './contract.permissions.ts';
import { CONTRACT_COLUMNS, contractFromRow, ContractBox, ContractStatus, PartyRole, type Contract, type PartyRecord } from './contract.type.ts';
import { visibleFiling } from './contract.visibility.ts';

const S = ContractStatus;

const STATUS_KO: Record<ContractStatus, string> = {
  DRAFT: '작성중',
  AWAITING_APPROVAL: '결재대기',
  APPROVED: '결재완료',
  SENT: '발송',
  COMPLETING: '완료 처리중',
  COMPLETED: '체결완료',
  CANCELLED: '취소',
  DISCARDED: '폐기',
};

/** Every allowed transition, by the step that makes it; anything else is CONFLICT naming the current status. */
const STEPS = {
  update: { from: [S.DRAFT], en: 'only a draft can be edited', ko: '작성중인 계약서만 수정할 수 있습니다' },
  requestApproval: { from: [S.DRAFT], en: 'approval can be requested only for a draft', ko: '작성중인 계약서만 결재를 요청할 수 있습니다' },
  decide: {
    from: [S.AWAITING_APPROVAL],
    en: 'only a contract awaiting approval can be approved or rejected',
    ko: '결재대기 중인 계약서만 승인하거나 반려할 수 있습니다',
  },
  send: { from: [S.DRAFT, S.APPROVED], en: 'only a draft (or an approved contract) can be sent', ko: '작성중이거나 결재완료된 계약서만 발송할 수 있습니다' },
  complete: { from: [S.SENT, S.COMPLETING], en: 'only a sent contract can be completed', ko: '발송된 계약서만 완료할 수 있습니다' },
  cancel: {
    from: [S.DRAFT, S.AWAITING_APPROVAL, S.APPROVED, S.SENT],
    en: 'only a contract not yet completed can be cancelled',
    ko: '체결완료 전의 계약서만 취소할 수 있습니다',
  },
  discard: { from: [S.COMPLETED], en: 'only a completed contract can be discarded', ko: '체결완료된 계약서만 폐기할 수 있습니다' },
  delete: {
    from: [S.DRAFT, S.CANCELLED, S.DISCARDED],
    en: 'only a draft, cancelled or discarded contract can be deleted',
    ko: '작성중, 취소 또는 폐기된 계약서만 삭제할 수 있습니다',
  },
} as const satisfies Record<string, { from: readonly ContractStatus[]; en: string; ko: string }>;
type Step = keyof typeof STEPS;

function ensureStep(contract: Contract, step: Step): void {
  const rule = STEPS[step];
  if (!(rule.from as readonly ContractStatus[]).includes(contract.status)) {
    throw conflict(msg(`This contract is ${contract.status}: ${rule.en}.`, `이 계약서는 ${STATUS_KO[contract.status]} 상태입니다. ${rule.ko}.`));
  }
}

export const contractNotFound = () => notFound(msg('No such contract.', '해당 계약서가 없습니다.'));

const ACTION_TEXT: Record<ContractAction, { en: string; ko: string }> = {
  edit: { en: 'edit', ko: '수정' },
  delete: { en: 'delete', ko: '삭제' },
  sign: { en: 'sign (complete)', ko: '서명(완료)' },
  discard: { en: 'discard', ko: '폐기' },
};

/** The one permission rule (`allows`), refused with a message naming what is missing. */
function ensureAllowed(viewer: Viewer, contract: Contract, action: ContractAction, sendersOnly = true): void {
  if (sendersOnly && contract.box === ContractBox.RECEIVED) {
    throw forbidden(
      msg(
        'A received contract is changed by the company that sent it; you can only file it under your categories.',
        '받은 계약서는 보낸 회사만 변경할 수 있습니다. 받은 회사는 문서분류만 지정할 수 있습니다.',
      ),
    );
  }
  if (!allows(viewer, contract, action)) {
    const text = ACTION_TEXT[action];
    throw forbidden(
      msg(
        `You may ${text.en} only your own contracts: ask the total admin for the "${action}" permission.`,
        `본인이 작성한 계약서만 ${text.ko}할 수 있습니다. 총괄관리자에게 ${text.ko} 권한을 요청해 주세요.`,
      ),
    );
  }
}

/** A contract the viewer may see, as their company files it; NOT_FOUND otherwise, exactly like a missing one. `lock` takes the contract's row lock for a transition. */
export async function visibleContract(em: EntityManager, viewer: Viewer, id: string, lock = false): Promise<Contract> {
  if (!isUuid(id)) throw contractNotFound();
  const visible = visibleFiling(viewer);
  const [row] = await em.execute(
    `select ${CONTRACT_COLUMNS} from "documents"."contract_filing" f join "documents"."contract" c on c."id" = f."contract_id"
     where c."id" = ? and ${visible.sql}${lock ? ' for update of c' : ''}`,
    [id, ...visible.params],
  );
  if (!row) throw contractNotFound();
  return contractFromRow(row);
}

const partySchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.email().max(320),
  phone: z.string().trim().max(30).nullish(),
  company: z.string().trim().max(100).nullish(),
});

export function counterparties(parties: ContractPartyInput[]): PartyRecord[] {
  if (parties.length > 50)
    throw badUserInput(msg('A contract has at most 50 counterparties.', '계약 상대방은 최대 50명까지 지정할 수 있습니다.'), { field: 'parties' });
  return parties.map((party, index) => {
    const parsed = partySchema.safeParse({ ...party, email: party.email?.trim() });
    if (!parsed.success) {
      throw badUserInput(
        msg(
          `Counterparty ${index + 1} needs a name (1–100 characters) and a valid email address.`,
          `${index + 1}번째 계약 상대방의 이름(1~100자)과 올바른 이메일 주소를 입력해 주세요.`,
        ),
        { field: `parties.${index}` },
      );
    }
    return {
      role: PartyRole.COUNTERPARTY,
      name: parsed.data.name,
      email: parsed.data.email,
      phone: parsed.data.phone || null,
      company: parsed.data.company || null,
    };
  });
}

export function contractTitle(title: string | null | undefined): string {
  const trimmed = title?.trim() ?? '';
  if (!trimmed || trimmed.length > 200)
    throw badUserInput(msg('A contract title needs 1 to 200 characters.', '계약서 제목은 1자 이상 200자 이하로 입력해 주세요.'), { field: 'title' });
  return trimmed;
}

export function contractBody(body: string | null | undefined): string {
  if ((body ?? '').length > 100_000)
    throw badUserInput(msg('A contract body has at most 100,000 characters.', '계약서 본문은 100,000자 이하로 입력해 주세요.'), { field: 'body' });
  return body ?? '';
}

export function manualNumber(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length > 50)
    throw badUserInput(msg('A management number has at most 50 characters.', '계약관리번호는 50자 이하로 입력해 주세요.'), { field: 'managementNumber' });
  return trimmed || null;
}

export const numberTaken = (number: string) =>
  conflict(msg(`Management number "${number}" is already used in your company.`, `계약관리번호 "${number}"은(는) 회사에서 이미 사용 중입니다.`));

export async function companySettings(ctx: DocumentsContext, companyId: string) {
  const settings = await ctx.services.to<OrganizationRoutes>('organization').company.contractSettings.query({ companyId });
  if (!settings) throw new Error(`organization has no company ${companyId}`);
  return settings;
}

/** R-STAFF-3, asked of organization when the approver is chosen and again when they decide. */
export async function ensureApprover(ctx: DocumentsContext, companyId: string, approverId: string, authorId: string): Promise<void> {
  if (!isUuid(approverId) || approverId === authorId) {
    throw badUserInput(
      msg(
        'Choose someone else as the approver: the author cannot approve their own contract.',
        '작성자 본인은 결재자가 될 수 없습니다. 다른 결재자를 선택해 주세요.',
      ),
      { field: 'approverId' },
    );
  }
  const { eligible } = await ctx.services.to<OrganizationRoutes>('organization').staff.approverCheck.query({ companyId, userId: approverId });
  if (!eligible) {
    throw badUserInput(
      msg(
        'The approver must be an active member of your company holding approval authority.',
        '결재자는 결재권한이 있는 회사의 사용 중인 구성원이어야 합니다.',
      ),
      { field: 'approverId' },
    );
  }
}

const snapshot = (contract: Pick<Contract, 'status' | 'title' | 'managementNumber' | 'approvalRequired' | 'approverId' | 'bodyFileId'>) => ({
  bodyFileId: contract.bodyFileId,
  status: contract.status,
  title: contract.title,
  managementNumber: contract.managementNumber,
  approvalRequired: contract.approvalRequired,
  approverId: contract.approverId,
});

async function audit(em: EntityManager, viewer: Viewer | null, contract: Contract, action: string, after: Partial<ReturnType<typeof snapshot>>) {
  await recordAudit(em, viewer, {
    companyId: contract.companyId,
    action,
    targetType: AuditTarget.CONTRACT,
    targetId: contract.id,
    before: snapshot(contract),
    after: { ...snapshot(contract), ...after },
  });
}

export async function createContract(ctx: DocumentsContext, input: CreateContractInput): Promise<Contract> {
  const viewer = ctx.viewer!;
  const member = viewer.member!;
  const companyId = member.companyId;
  const template = input.templateId ? await templateOf(ctx.em, companyId, input.templateId) : null;
  const title = contractTitle(input.title ?? template?.title);
  const body = contractBody(input.body ?? template?.body);
  const categoryId = input.categoryId ? (await categoryOf(ctx.em, companyId, input.categoryId)).id : (template?.categoryId ?? null);
  const parties = counterparties(input.parties ?? []);
  const [settings, [author]] = await Promise.all([
    companySettings(ctx, companyId),
    ctx.services.to<IdentityRoutes>('identity').account.lookup.query({ accountIds: [viewer.userId] }),
  ]);
  if (input.managementNumber != null && settings.contractNumbering === 'AUTO') {
    throw badUserInput(
      msg(
        'Your company numbers contracts automatically; a number cannot be given by hand.',
        '회사 설정이 자동 계약관리번호이므로 번호를 직접 입력할 수 없습니다.',
      ),
      { field: 'managementNumber' },
    );
  }
  const approvalRequired = input.approvalRequired ?? settings.internalApproval;
  if (input.approverId) await ensureApprover(ctx, companyId, input.approverId, viewer.userId);
  const sender: PartyRecord = { role: PartyRole.SENDER, name: settings.name, email: author?.email ?? '', phone: null, company: settings.name };
  const manual = input.managementNumber == null ? null : manualNumber(input.managementNumber);
  try {
    const id = await ctx.em.transactional(async (tx) => {
      // Claimed first, in this transaction: any failure below frees the file again.
      const bodyFileId = input.bodyFileId
        ? (await claimUpload({ ...ctx, em: tx }, input.bodyFileId, UploadKind.CONTRACT_PDF)).id
        : (template?.bodyFileId ?? null);
      const now = clock.now();
      const [number] = settings.contractNumbering === 'AUTO' ? await reserveNumbers(tx, companyId, now, 1) : [manual];
      const [row] = await tx.execute<Array<{ id: string }>>(
        `insert into "documents"."contract" ("company_id", "title", "body", "body_file_id", "template_id", "management_number", "status", "author_id", "department_id", "approval_required", "approver_id", "parties", "created_at", "updated_at")
         values (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?) returning "id"`,
        [
          companyId,
          title,
          body,
          bodyFileId,
          template?.id ?? null,
          number ?? null,
          viewer.userId,
          member.departmentId,
          approvalRequired,
          input.approverId ?? null,
          JSON.stringify([sender, ...parties]),
          now,
          now,
        ],
      );
      await tx.execute(
        `insert into "documents"."contract_filing" ("contract_id", "company_id", "box", "owner_id", "owner_department_id", "category_id", "filed_at") values (?, ?, 'SENT', ?, ?, ?, ?)`,
        [row!.id, companyId, viewer.userId, member.departmentId, categoryId, now],
      );
      await recordAudit(tx, viewer, {
        companyId,
        action: 'CONTRACT_CREATED',
        targetType: AuditTarget.CONTRACT,
        targetId: row!.id,
        after: { status: S.DRAFT, title, managementNumber: number ?? null, approvalRequired, approverId: input.approverId ?? null, bodyFileId },
      });
      return row!.id;
    });
    return await visibleContract(ctx.em, viewer, id);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && manual) throw numberTaken(manual);
    throw error;
  }
}

export async function updateContract(ctx: DocumentsContext, id: string, input: UpdateContractInput): Promise<Contract> {
  const viewer = ctx.viewer!;
  const current = await visibleContract(ctx.em, viewer, id);
  ensureAllowed(viewer, current, 'edit');
  ensureStep(current, 'update');
  if (input.approverId) await ensureApprover(ctx, current.companyId, input.approverId, current.authorId);
  let number: string | null | undefined;
  if (input.managementNumber != null) {
    const settings = await companySettings(ctx, current.companyId);
    if (settings.contractNumbering === 'AUTO') {
      throw badUserInput(
        msg(
          'Your company numbers contracts automatically; the number cannot be changed by hand.',
          '회사 설정이 자동 계약관리번호이므로 번호를 직접 바꿀 수 없습니다.',
        ),
        { field: 'managementNumber' },
      );
    }
    number = manualNumber(input.managementNumber);
  }
  const title = input.title == null ? undefined : contractTitle(input.title);
  const body = input.body == null ? undefined : contractBody(input.body);
  const parties = input.parties == null ? undefined : counterparties(input.parties);
  try {
    await ctx.em.transactional(async (tx) => {
      const contract = await visibleContract(tx, viewer, id, true);
      ensureStep(contract, 'update');
      // The old PDF stays claimed (and kept): it may be shared with the template this contract came from.
      const bodyFileId = input.bodyFileId ? (await claimUpload({ ...ctx, em: tx }, input.bodyFileId, UploadKind.CONTRACT_PDF)).id : contract.bodyFileId;
      const next = {
        title: title ?? contract.title,
        body: body ?? contract.body,
        managementNumber: number === undefined ? contract.managementNumber : number,
        approvalRequired: input.approvalRequired ?? contract.approvalRequired,
        approverId: input.approverId ?? contract.approverId,
        parties: parties ? [contract.partyRecords.find((party) => party.role === PartyRole.SENDER)!, ...parties] : contract.partyRecords,
      };
      await tx.execute(
        `update "documents"."contract" set "title" = ?, "body" = ?, "body_file_id" = ?, "management_number" = ?, "approval_required" = ?, "approver_id" = ?, "parties" = ?, "updated_at" = ? where "id" = ?`,
        [
          next.title,
          next.body,
          bodyFileId,
          next.managementNumber,
          next.approvalRequired,
          next.approverId,
          JSON.stringify(next.parties),
          clock.now(),
          contract.id,
        ],
      );
      await audit(tx, viewer, contract, 'CONTRACT_UPDATED', { ...next, bodyFileId });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && number) throw numberTaken(number);
    throw error;
  }
  return visibleContract(ctx.em, viewer, id);
}

/** Files the contract under one of the viewer's company's categories (or none); the other company's filing is untouched. */
export async function setContractCategory(ctx: DocumentsContext, id: string, categoryId: string | null): Promise<Contract> {
  const viewer = ctx.viewer!;
  const contract = await visibleContract(ctx.em, viewer, id);
  ensureAllowed(viewer, contract, 'edit', false);
  const companyId = viewer.member!.companyId;
  const category = categoryId ? await categoryOf(ctx.em, companyId, categoryId) : null;
  await ctx.em.transactional(async (tx) => {
    await tx.execute(`update "documents"."contract_filing" set "category_id" = ? where "contract_id" = ? and "company_id" = ?`, [
      category?.id ?? null,
      contract.id,
      companyId,
    ]);
    await recordAudit(tx, viewer, {
      companyId,
      action: 'CONTRACT_FILED',
      targetType: AuditTarget.CONTRACT,
      targetId: contract.id,
      before: { categoryId: contract.categoryId },
      after: { categoryId: category?.id ?? null },
    });
  });
  return visibleContract(ctx.em, viewer, id);
}

/** One locked transition: reload under the row lock, re-check the step, then apply. */
async function transition(
  ctx: DocumentsContext,
  id: string,
  step: Step,
  apply: (tx: EntityManager, contract: Contract, now: Date) => Promise<void>,
): Promise<Contract> {
  const viewer = ctx.viewer!;
  await ctx.em.transactional(async (tx) => {
    const contract = await visibleContract(tx, viewer, id, true);
    ensureStep(contract, step);
    await apply(tx, contract, clock.now());
  });
  return visibleContract(ctx.em, viewer, id);
}

export async function requestApproval(ctx: DocumentsContext, id: string): Promise<Contract> {
  const viewer = ctx.viewer!;
  const contract = await visibleContract(ctx.em, viewer, id);
  ensureAllowed(viewer, contract, 'edit');
  ensureStep(contract, 'requestApproval');
  if (!contract.approvalRequired || !contract.approverId) {
    throw badUserInput(
      msg('Turn on internal approval and choose an approver before requesting approval.', '결재를 요청하려면 내부결재를 사용으로 하고 결재자를 선택해 주세요.'),
      { field: 'approverId' },
    );
  }
  await ensureApprover(ctx, contract.companyId, contract.approverId, contract.authorId);
  return transition(ctx, id, 'requestApproval', async (tx, locked, now) => {
    await tx.execute(
      `update "documents"."contract" set "status" = 'AWAITING_APPROVAL', "decided_by" = null, "decided_at" = null, "decision_reason" = null, "updated_at" = ? where "id" = ?`,
      [now, locked.id],
    );
    await audit(tx, viewer, locked, 'CONTRACT_APPROVAL_REQUESTED', { status: S.AWAITING_APPROVAL });
  });
}

/** Only the chosen approver decides, and only while they still may approve (R-STAFF-3, checked again now). */
export async function decideApproval(ctx: DocumentsContext, id: string, approved: boolean, reason: string | null): Promise<Contract> {
  const viewer = ctx.viewer!;
  const contract = await visibleContract(ctx.em, viewer, id);
  ensureStep(contract, 'decide');
  if (contract.approverId !== viewer.userId)
    throw forbidden(msg('Only the approver chosen for this contract can approve or reject it.', '이 계약서에 지정된 결재자만 승인하거나 반려할 수 있습니다.'));
  const why = reason?.trim() ?? '';
  if (!approved && (!why || why.length > 500))
    throw badUserInput(msg('Give a reason for the rejection (1–500 characters).', '반려 사유를 1자 이상 500자 이하로 입력해 주세요.'), { field: 'reason' });
  await ensureApprover(ctx, contract.companyId, viewer.userId, contract.authorId);
  return transition(ctx, id, 'decide', async (tx, locked, now) => {
    if (locked.approverId !== viewer.userId)
      throw forbidden(
        msg('Only the approver chosen for this contract can approve or reject it.', '이 계약서에 지정된 결재자만 승인하거나 반려할 수 있습니다.'),
      );
    const status = approved ? S.APPROVED : S.DRAFT;
    await tx.execute(
      `update "documents"."contract" set "status" = ?, "decided_by" = ?, "decided_at" = ?, "decision_reason" = ?, "updated_at" = ? where "id" = ?`,
      [status, viewer.userId, now, approved ? null : why, now, locked.id],
    );
    await audit(tx, viewer, locked, approved ? 'CONTRACT_APPROVED' : 'CONTRACT_REJECTED', { status });
  });
}

/** The addressees on the service: per other company, the first counterparty whose email is an active member's. */
async function receivingMembers(ctx: DocumentsContext, contract: Contract) {
  const emails = contract.partyRecords.filter((party) => party.role === PartyRole.COUNTERPARTY).map((party) => party.email.toLowerCase());
  if (!emails.length) return [];
  const accounts = await ctx.services.to<IdentityRoutes>('identity').account.byEmail.query({ emails });
  if (!accounts.length) return [];
  const places = await ctx.services.to<OrganizationRoutes>('organization').staff.places.query({ userIds: accounts.map((account) => account.id) });
  const placeOf = new Map(places.map((place) => [place.userId, place]));
  const byCompany = new Map<string, { userId: string; departmentId: string | null }>();
  for (const email of emails) {
    for (const account of accounts.filter((candidate) => candidate.email === email)) {
      const place = placeOf.get(account.id);
      if (!place?.active || place.companyId === contract.companyId || byCompany.has(place.companyId)) continue;
      byCompany.set(place.companyId, { userId: account.id, departmentId: place.departmentId });
    }
  }
  return [...byCompany].map(([companyId, member]) => ({ companyId, ...member }));
}

export const quotaExhausted = () =>
  new AppError(
    ErrorCode.QUOTA_EXHAUSTED,
    msg(
      'Your company has no contract units left. Buy a plan or claim the free pass on the billing page, then send the contract again.',
      '남은 계약 건수가 없습니다. 결제 관리에서 요금제를 구매하거나 무료이용권을 받은 뒤 다시 발송해 주세요.',
    ),
  );

export async function sendContract(ctx: DocumentsContext, id: string): Promise<Contract> {
  const viewer = ctx.viewer!;
  const contract = await visibleContract(ctx.em, viewer, id);
  ensureAllowed(viewer, contract, 'edit');
  ensureStep(contract, 'send');
  if (contract.approvalRequired && contract.status !== S.APPROVED) {
    throw conflict(
      msg(
        `This contract is ${contract.status}: it needs its approver's approval before it can be sent.`,
        `이 계약서는 ${STATUS_KO[contract.status]} 상태입니다. 결재자의 승인을 받은 뒤 발송할 수 있습니다.`,
      ),
    );
  }
  if (!contract.partyRecords.some((party) => party.role === PartyRole.COUNTERPARTY)) {
    throw badUserInput(msg('Add at least one counterparty before sending.', '발송하려면 계약 상대방을 한 명 이상 추가해 주세요.'), { field: 'parties' });
  }
  if (!contract.managementNumber) {
    throw badUserInput(msg('Set the management number before sending.', '발송하려면 계약관리번호를 입력해 주세요.'), { field: 'managementNumber' });
  }
  const { usableUnits } = await ctx.services.to<BillingRoutes>('billing').usage.balance.query({ companyId: contract.companyId });
  if (usableUnits < 1) throw quotaExhausted();
  const receivers = await receivingMembers(ctx, contract);
  return transition(ctx, id, 'send', async (tx, locked, now) => {
    if (locked.approvalRequired && locked.status !== S.APPROVED)
      throw conflict(msg('This contract needs its approval before it can be sent.', '결재자의 승인을 받은 뒤 발송할 수 있습니다.'));
    // The addressees were looked up from the unlocked read: a change in between must not send to the old list.
    if (JSON.stringify(locked.partyRecords) !== JSON.stringify(contract.partyRecords)) {
      throw conflict(
        msg(
          'The counterparties changed while the contract was being sent. Check them and send again.',
          '발송하는 동안 계약 상대방이 변경되었습니다. 확인한 뒤 다시 발송해 주세요.',
        ),
      );
    }
    const digest = await contentDigest({ ...ctx, em: tx }, locked.body, locked.bodyFileId);
    await tx.execute(`update "documents"."contract" set "status" = 'SENT', "sent_at" = ?, "content_digest" = ?, "updated_at" = ? where "id" = ?`, [
      now,
      digest,
      now,
      locked.id,
    ]);
    for (const receiver of receivers) {
      await tx.execute(
        `insert into "documents"."contract_filing" ("contract_id", "company_id", "box", "owner_id", "owner_department_id", "filed_at") values (?, ?, 'RECEIVED', ?, ?, ?) on conflict ("contract_id", "company_id") do nothing`,
        [locked.id, receiver.companyId, receiver.userId, receiver.departmentId, now],
      );
    }
    await audit(tx, viewer, locked, 'CONTRACT_SENT', { status: S.SENT });
  });
}

/** The two ends short of completion: cancelling (취소) needs `edit`, discarding (폐기) needs `discard`. */
const ENDINGS = {
  cancel: { permission: 'edit', status: S.CANCELLED, column: 'cancelled_at', action: 'CONTRACT_CANCELLED' },
  discard: { permission: 'discard', status: S.DISCARDED, column: 'discarded_at', action: 'CONTRACT_DISCARDED' },
} as const;

async function endContract(ctx: DocumentsContext, id: string, step: keyof typeof ENDINGS): Promise<Contract> {
  const viewer = ctx.viewer!;
  const ending = ENDINGS[step];
  ensureAllowed(viewer, await visibleContract(ctx.em, viewer, id), ending.permission);
  return transition(ctx, id, step, async (tx, locked, now) => {
    await tx.execute(`update "documents"."contract" set "status" = ?, "${ending.column}" = ?, "updated_at" = ? where "id" = ?`, [
      ending.status,
      now,
      now,
      locked.id,
    ]);
    await audit(tx, viewer, locked, ending.action, { status: ending.status });
  });
}

export const cancelContract = (ctx: DocumentsContext, id: string): Promise<Contract> => endContract(ctx, id, 'cancel');
export const discardContract = (ctx: DocumentsContext, id: string): Promise<Contract> => endContract(ctx, id, 'discard');

/** Soft delete: the row (and its number) stays, invisible from now on. */
export async function deleteContract(ctx: DocumentsContext, id: string): Promise<string> {
  const viewer = ctx.viewer!;
  const contract = await visibleContract(ctx.em, viewer, id);
  ensureAllowed(viewer, contract, 'delete');
  await ctx.em.transactional(async (tx) => {
    const locked = await visibleContract(tx, viewer, id, true);
    ensureStep(locked, 'delete');
    const now = clock.now();
    await tx.execute(`update "documents"."contract" set "deleted_at" = ?, "updated_at" = ? where "id" = ?`, [now, now, locked.id]);
    await recordAudit(tx, viewer, {
      companyId: locked.companyId,
      action: 'CONTRACT_DELETED',
      targetType: AuditTarget.CONTRACT,
      targetId: locked.id,
      before: snapshot(locked),
      after: { ...snapshot(locked), deletedAt: now },
    });
  });
  return contract.id;
}

/** For completion (contract.completion.ts): the sign permission, and SENT (or COMPLETING, a retry). */
export const ensureAllowedToSign = (viewer: Viewer, contract: Contract) => ensureAllowed(viewer, contract, 'sign');
export const ensureCompletable = (contract: Contract) => ensureStep(contract, 'complete');
