import { createHash } from 'node:crypto';
import { DemoAccounts, DemoDocuments, DemoIds } from '@econtract/demo';
import type { EntityManager } from '@econtract/server-kit';
import { reserveNumbers } from './contract/contract.numbering.ts';

/** The demo company's departments, as organization seeds them (`DemoOrganization`). */
const SALES = '00000000-0000-4000-8000-00000000d001';
const SALES_TEAM_1 = '00000000-0000-4000-8000-00000000d002';

const C = DemoDocuments.categories;
const T = DemoDocuments.templates;
const K = DemoDocuments.contracts;
const emailOf = (id: string) => DemoAccounts.find((account) => account.id === id)!.email;
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 9, day, hour - 9));
const digest = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

const SERVICES_BODY = `제1조 (목적) 이 계약은 갑이 을에게 위탁하는 {{업무}}에 관하여 필요한 사항을 정한다.
제2조 (계약금액) 계약금액은 {{금액}}(부가가치세 포함)으로 한다.
제3조 (계약기간) 계약기간은 {{기간}}으로 한다.`;
const fill = (body: string, values: Record<string, string>) => body.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_whole, name: string) => values[name.trim()] ?? '');

interface DemoContract {
  id: string;
  companyId: string;
  title: string;
  body: string;
  templateId: string | null;
  status: 'DRAFT' | 'AWAITING_APPROVAL' | 'APPROVED' | 'SENT' | 'COMPLETED' | 'CANCELLED' | 'DISCARDED';
  authorId: string;
  departmentId: string | null;
  categoryId: string | null;
  approverId?: string;
  decidedBy?: string;
  counterparty: { name: string; email: string; phone: string | null; company: string | null };
  createdAt: Date;
  sentAt?: Date;
  completedAt?: Date;
  cancelledAt?: Date;
  discardedAt?: Date;
}

const DEMO_COMPANY = '데모전자(주)';
const PARTNER_COMPANY = '파트너상사(주)';

/** In every status, across 영업본부, 영업1팀 and the admin (no department), oldest first; all in October 2026 (Seoul). */
const demoContracts: DemoContract[] = [
  {
    id: K.completed,
    companyId: DemoIds.company,
    title: '한빛물산 유지보수 용역 계약서',
    body: fill(SERVICES_BODY, { 업무: '사내 시스템 유지보수', 금액: '12,000,000원', 기간: '2026년 10월 1일부터 1년' }),
    templateId: T.services,
    status: 'COMPLETED',
    authorId: DemoIds.departmentManager,
    departmentId: SALES,
    categoryId: C.services,
    counterparty: { name: '오한빛', email: 'hanbit@hanbit-trading.example', phone: '010-2345-6789', company: '한빛물산(주)' },
    createdAt: at(1),
    sentAt: at(2),
    completedAt: at(5),
  },
  {
    id: K.discarded,
    companyId: DemoIds.company,
    title: '2026년 사무용품 구매 계약서 (구 단가)',
    body: '제1조 (목적) 갑은 을로부터 사무용품을 구매한다.\n제2조 (단가) 별첨 단가표에 따른다.',
    templateId: T.purchase,
    status: 'DISCARDED',
    authorId: DemoIds.totalAdmin,
    departmentId: null,
    categoryId: C.purchases,
    counterparty: { name: '문구상', email: 'sales@office-supply.example', phone: null, company: '오피스서플라이' },
    createdAt: at(3),
    sentAt: at(3, 14),
    completedAt: at(6),
    discardedAt: at(20),
  },
  {
    id: K.cancelled,
    companyId: DemoIds.company,
    title: '행사 대행 용역 계약서',
    body: fill(SERVICES_BODY, { 업무: '제품 출시 행사 대행', 금액: '5,500,000원', 기간: '2026년 11월 한 달' }),
    templateId: T.services,
    status: 'CANCELLED',
    authorId: DemoIds.staff,
    departmentId: SALES_TEAM_1,
    categoryId: C.services,
    counterparty: { name: '강이벤트', email: 'event@event-agency.example', phone: '010-3456-7890', company: '이벤트에이전시' },
    createdAt: at(8),
    cancelledAt: at(9),
  },
  {
    id: K.sent,
    companyId: DemoIds.company,
    title: '노트북 20대 구매 계약서',
    body: '제1조 (목적) 갑은 을로부터 노트북 20대를 구매한다.\n제2조 (대금) 금 30,000,000원으로 한다.',
    templateId: T.purchase,
    status: 'SENT',
    authorId: DemoIds.totalAdmin,
    departmentId: null,
    categoryId: C.purchases,
    counterparty: { name: '윤컴퓨터', email: 'order@computer-mall.example', phone: '02-123-4567', company: '컴퓨터몰(주)' },
    createdAt: at(12),
    sentAt: at(13),
  },
  {
    id: K.approved,
    companyId: DemoIds.company,
    title: '대리점 판매 위탁 계약서',
    body: fill(SERVICES_BODY, { 업무: '지역 대리점 판매 위탁', 금액: '매출액의 8%', 기간: '2026년 11월 1일부터 2년' }),
    templateId: T.services,
    status: 'APPROVED',
    authorId: DemoIds.departmentManager,
    departmentId: SALES,
    categoryId: C.services,
    approverId: DemoIds.totalAdmin,
    decidedBy: DemoIds.totalAdmin,
    counterparty: { name: '서대리', email: 'agency@busan-dealer.example', phone: '051-987-6543', company: '부산대리점' },
    createdAt: at(15),
  },
  {
    id: K.awaitingApproval,
    companyId: DemoIds.company,
    title: '영업1팀 홍보물 제작 용역 계약서',
    body: fill(SERVICES_BODY, { 업무: '홍보물 디자인 및 인쇄', 금액: '3,300,000원', 기간: '2026년 11월 1일부터 2개월' }),
    templateId: T.services,
    status: 'AWAITING_APPROVAL',
    authorId: DemoIds.staff,
    departmentId: SALES_TEAM_1,
    categoryId: C.services,
    approverId: DemoIds.departmentManager,
    counterparty: { name: '임디자인', email: 'studio@design-studio.example', phone: '010-4567-8901', company: '디자인스튜디오' },
    createdAt: at(22),
  },
  {
    id: K.draft,
    companyId: DemoIds.company,
    title: '신입사원 근로계약서 (작성중)',
    body: '제1조 (근로계약기간) 2026년 12월 1일부터 정함이 없는 기간으로 한다.',
    templateId: T.employment,
    status: 'DRAFT',
    authorId: DemoIds.staff,
    departmentId: SALES_TEAM_1,
    categoryId: C.employment,
    counterparty: { name: '한신입', email: 'newcomer@example.com', phone: null, company: null },
    createdAt: at(27),
  },
];

/** Sent by the partner company to demo-staff, so it sits in the demo company's received box. */
const fromPartner: DemoContract = {
  id: K.fromPartner,
  companyId: DemoIds.partnerCompany,
  title: '파트너상사 물품 공급 계약서',
  body: '제1조 (목적) 을은 갑에게 별첨 목록의 물품을 공급한다.\n제2조 (납기) 발주 후 14일 이내로 한다.',
  templateId: null,
  status: 'SENT',
  authorId: DemoIds.partnerAdmin,
  departmentId: null,
  categoryId: null,
  counterparty: { name: '박담당', email: emailOf(DemoIds.staff), phone: null, company: DEMO_COMPANY },
  createdAt: at(18),
  sentAt: at(19),
};

async function insertContract(em: EntityManager, contract: DemoContract, number: string, senderName: string): Promise<void> {
  const sender = { role: 'SENDER', name: senderName, email: emailOf(contract.authorId), phone: null, company: senderName };
  const sent = contract.sentAt ?? null;
  await em.execute(
    `insert into "documents"."contract" ("id", "company_id", "title", "body", "template_id", "management_number", "status", "author_id", "department_id", "approval_required", "approver_id",
       "decided_by", "decided_at", "parties", "content_digest", "created_at", "updated_at", "sent_at", "completed_at", "cancelled_at", "discarded_at")
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      contract.id,
      contract.companyId,
      contract.title,
      contract.body,
      contract.templateId,
      number,
      contract.status,
      contract.authorId,
      contract.departmentId,
      Boolean(contract.approverId),
      contract.approverId ?? null,
      contract.decidedBy ?? null,
      contract.decidedBy ? contract.createdAt : null,
      JSON.stringify([sender, { role: 'COUNTERPARTY', ...contract.counterparty }]),
      sent ? digest(contract.body) : null,
      contract.createdAt,
      contract.discardedAt ?? contract.completedAt ?? contract.cancelledAt ?? sent ?? contract.createdAt,
      sent,
      contract.completedAt ?? null,
      contract.cancelledAt ?? null,
      contract.discardedAt ?? null,
    ],
  );
  await em.execute(
    `insert into "documents"."contract_filing" ("contract_id", "company_id", "box", "owner_id", "owner_department_id", "category_id", "filed_at") values (?, ?, 'SENT', ?, ?, ?, ?)`,
    [contract.id, contract.companyId, contract.authorId, contract.departmentId, contract.categoryId, contract.createdAt],
  );
}

/**
 * Issue #10 item 12, for `pnpm dev` (README): categories with history, templates, and contracts in
 * every status across the demo company's departments, plus one received from the partner company.
 * Inserted once (the first category decides), left alone afterwards; numbers come from the counter
 * for October 2026, so new contracts never collide with them. Billing's demo data is untouched, so
 * the completed and discarded demo contracts show no unit used.
 */
export async function seedDemoDocuments(em: EntityManager): Promise<void> {
  const [existing] = await em.execute<Array<{ id: string }>>(`select "id" from "documents"."document_category" where "id" = ?`, [C.services]);
  if (existing) return;
  await em.transactional(async (tx) => {
    const category = (id: string, name: string, description: string | null, createdAt: Date) =>
      tx.execute(
        `insert into "documents"."document_category" ("id", "company_id", "name", "description", "created_at", "updated_at") values (?, ?, ?, ?, ?, ?)`,
        [id, DemoIds.company, name, description, createdAt, createdAt],
      );
    await category(C.services, '용역계약', '외부 업체에 업무를 맡기는 계약', at(1, 9));
    await category(C.purchases, '구매계약', '물품·장비 구매', at(1, 9));
    await category(C.employment, '근로계약', null, at(1, 9));
    // R-CAT-2: the services category was first "용역" without a description, then renamed and described.
    await tx.execute(
      `insert into "documents"."document_category_history" ("category_id", "previous_name", "name", "previous_description", "description", "changed_by", "changed_at") values (?, '용역', '용역계약', null, null, ?, ?), (?, '용역계약', '용역계약', null, ?, ?, ?)`,
      [C.services, DemoIds.totalAdmin, at(1, 11), C.services, '외부 업체에 업무를 맡기는 계약', DemoIds.totalAdmin, at(2, 9)],
    );
    await tx.execute(`update "documents"."document_category" set "updated_at" = ? where "id" = ?`, [at(2, 9), C.services]);

    const signatures = JSON.stringify([
      { page: 1, x: 80, y: 700, width: 120, height: 60, partyIndex: 0 },
      { page: 1, x: 380, y: 700, width: 120, height: 60, partyIndex: 1 },
    ]);
    const template = (id: string, title: string, body: string, categoryId: string) =>
      tx.execute(
        `insert into "documents"."contract_template" ("id", "company_id", "title", "body", "category_id", "signature_fields", "created_by", "created_at", "updated_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, DemoIds.company, title, body, categoryId, signatures, DemoIds.totalAdmin, at(1, 10), at(1, 10)],
      );
    await template(T.services, '용역 계약서', SERVICES_BODY, C.services);
    await template(T.purchase, '물품 구매 계약서', '제1조 (목적) 갑은 을로부터 {{품목}}을 구매한다.\n제2조 (대금) 금 {{금액}}으로 한다.', C.purchases);
    await template(T.employment, '표준 근로계약서', '제1조 (근로계약기간) {{시작일}}부터 정함이 없는 기간으로 한다.\n제2조 (임금) 월 {{월급}}', C.employment);

    const numbers = await reserveNumbers(tx, DemoIds.company, at(1), demoContracts.length);
    const [partnerNumber] = await reserveNumbers(tx, DemoIds.partnerCompany, at(18), 1);
    // In time order, so the newest-first lists show them as they happened.
    for (const [index, contract] of demoContracts.entries()) {
      await insertContract(tx, contract, numbers[index]!, DEMO_COMPANY);
      if (contract.id !== K.approved) continue;
      await insertContract(tx, fromPartner, partnerNumber!, PARTNER_COMPANY);
      // The demo company files it in its received box, addressed to demo-staff, under its own category.
      await tx.execute(
        `insert into "documents"."contract_filing" ("contract_id", "company_id", "box", "owner_id", "owner_department_id", "category_id", "filed_at") values (?, ?, 'RECEIVED', ?, ?, ?, ?)`,
        [K.fromPartner, DemoIds.company, DemoIds.staff, SALES_TEAM_1, C.purchases, fromPartner.sentAt],
      );
    }
  });
}
