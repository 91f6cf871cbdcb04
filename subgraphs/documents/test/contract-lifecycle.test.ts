import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { clock } from '../src/clock.ts';
import { reserveNumbers } from '../src/contract/contract.numbering.ts';
import {
  LIST,
  APPROVE,
  CANCEL,
  COMPLETE,
  CREATE,
  DELETE,
  DISCARD,
  draft,
  exhaustUnits,
  GET,
  grantUnits,
  ok,
  party,
  refused,
  REJECT,
  REQUEST_APPROVAL,
  SEND,
  SETTINGS,
  UPDATE,
} from './documents.helpers.ts';

const stack = useStack();
let admin: string;
let manager: string;
beforeAll(async () => {
  [admin, manager] = await Promise.all([stack.login('demo-admin'), stack.login('demo-manager')]);
  await grantUnits(stack, DemoIds.company, 50);
});
afterEach(() => {
  clock.now = () => new Date();
});

const AUTO_NUMBER = /^\d{4}-\d{2}-\d{5}$/;

describe('writing a contract', () => {
  it('keeps the author, the author department, the sending company as first party and an automatic number', async () => {
    const contract = await draft(stack, admin, { parties: [party('김상대', 'kim@counterparty.example')] });
    expect(contract).toMatchObject({
      status: 'DRAFT',
      box: 'SENT',
      approvalRequired: false,
      contentDigest: null,
      author: { id: DemoIds.totalAdmin },
      department: null,
    });
    expect(contract.managementNumber).toMatch(AUTO_NUMBER);
    expect(contract.parties).toEqual([
      { role: 'SENDER', name: '데모전자(주)', email: 'admin@demo-company.example', phone: null, company: '데모전자(주)' },
      { role: 'COUNTERPARTY', name: '김상대', email: 'kim@counterparty.example', phone: '010-0000-0000', company: '상대회사' },
    ]);
    expect(contract.viewerCan).toEqual({ edit: true, delete: true, sign: true, discard: true });
  });

  it("defaults approvalRequired to the company's internal-approval setting, and lets each contract change it", async () => {
    await ok(stack, admin, SETTINGS, { input: { internalApproval: true } });
    try {
      expect((await draft(stack, admin)).approvalRequired).toBe(true);
      expect((await draft(stack, admin, { approvalRequired: false })).approvalRequired).toBe(false);
    } finally {
      await ok(stack, admin, SETTINGS, { input: { internalApproval: false } });
    }
    expect((await draft(stack, admin)).approvalRequired).toBe(false);
  });

  it('refuses bad input with coded, bilingual errors', async () => {
    for (const input of [
      { title: '  ' },
      { title: 'x'.repeat(201) },
      { parties: [{ name: '', email: 'a@b.example' }] },
      { parties: [{ name: '갑', email: 'not-an-email' }] },
      { managementNumber: 'X-1' },
    ]) {
      const { code, result } = await refused(stack, admin, CREATE, { input: { title: '계약', ...input } });
      expect(code).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).not.toMatch(/stack|at \w+ \(/);
    }
    const korean = await stack.graphql(CREATE, { input: { title: ' ' } }, { token: admin, headers: { 'accept-language': 'ko' } });
    expect(korean.errors![0]!.message).toBe('계약서 제목은 1자 이상 200자 이하로 입력해 주세요.');
  });
});

describe('approval (R-COMPANY-1, R-STAFF-3)', () => {
  it('refuses an approver without approval authority, from another company, or the author', async () => {
    expect((await refused(stack, admin, CREATE, { input: { title: '계약', approvalRequired: true, approverId: DemoIds.staff } })).code).toBe('BAD_USER_INPUT');
    expect((await refused(stack, admin, CREATE, { input: { title: '계약', approvalRequired: true, approverId: DemoIds.individual } })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await refused(stack, admin, CREATE, { input: { title: '계약', approvalRequired: true, approverId: DemoIds.totalAdmin } })).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('goes DRAFT → AWAITING_APPROVAL → (rejected) DRAFT → AWAITING_APPROVAL → APPROVED → SENT → COMPLETED; only the approver decides', async () => {
    const contract = await draft(stack, admin, { approvalRequired: true, approverId: DemoIds.departmentManager });
    const id = contract.id;
    const notYet = await refused(stack, admin, SEND, { id });
    expect(notYet.code).toBe('CONFLICT');
    expect(notYet.message).toMatch(/DRAFT/);
    expect((await ok(stack, admin, REQUEST_APPROVAL, { id })).requestApproval.status).toBe('AWAITING_APPROVAL');
    // The author is not the approver; the approver sees the contract although it is not in their department.
    expect((await refused(stack, admin, APPROVE, { id })).code).toBe('FORBIDDEN');
    expect((await refused(stack, manager, REJECT, { id, reason: '  ' })).code).toBe('BAD_USER_INPUT');
    const rejected = (await ok(stack, manager, REJECT, { id, reason: '금액 확인 필요' })).rejectContract;
    expect(rejected).toMatchObject({ status: 'DRAFT', approval: { decidedBy: { id: DemoIds.departmentManager }, approved: false, reason: '금액 확인 필요' } });
    await ok(stack, admin, UPDATE, { id, input: { body: '제1조 목적 (수정)' } });
    await ok(stack, admin, REQUEST_APPROVAL, { id });
    const approved = (await ok(stack, manager, APPROVE, { id })).approveContract;
    expect(approved).toMatchObject({ status: 'APPROVED', approval: { decidedBy: { id: DemoIds.departmentManager }, approved: true, reason: null } });
    const sent = (await ok(stack, admin, SEND, { id })).sendContract;
    expect(sent.status).toBe('SENT');
    expect(sent.contentDigest).toBe(createHash('sha256').update('제1조 목적 (수정)', 'utf8').digest('hex'));
    expect((await refused(stack, admin, UPDATE, { id, input: { body: '발송 후 수정' } })).code).toBe('CONFLICT');
    const completed = (await ok(stack, admin, COMPLETE, { id })).completeContract;
    expect(completed.status).toBe('COMPLETED');
    expect(completed.contentDigest).toBe(sent.contentDigest);
    const audit = await stack.sql<{ action: string; actor_id: string; before: any; after: any }>(
      'select action, actor_id, before, after from documents.audit_entry where target_id = ? order by seq',
      [id],
    );
    expect(audit.map((entry) => entry.action)).toEqual([
      'CONTRACT_CREATED',
      'CONTRACT_APPROVAL_REQUESTED',
      'CONTRACT_REJECTED',
      'CONTRACT_UPDATED',
      'CONTRACT_APPROVAL_REQUESTED',
      'CONTRACT_APPROVED',
      'CONTRACT_SENT',
      'CONTRACT_COMPLETED',
    ]);
    expect(audit[2]).toMatchObject({ actor_id: DemoIds.departmentManager, before: { status: 'AWAITING_APPROVAL' }, after: { status: 'DRAFT' } });
  });

  it('checks the approver again when deciding: one who lost approval authority cannot approve', async () => {
    const { id } = await draft(stack, admin, { approvalRequired: true, approverId: DemoIds.departmentManager });
    await ok(stack, admin, REQUEST_APPROVAL, { id });
    const setAuthority = (value: boolean) =>
      ok(stack, admin, 'mutation ($id: ID!, $v: Boolean!) { updateStaff(id: $id, input: { approvalAuthority: $v }) { id } }', {
        id: DemoIds.departmentManager,
        v: value,
      });
    await setAuthority(false);
    try {
      expect((await refused(stack, manager, APPROVE, { id })).code).toBe('BAD_USER_INPUT');
      expect((await ok(stack, admin, GET, { id })).contract.status).toBe('AWAITING_APPROVAL');
    } finally {
      await setAuthority(true);
    }
    expect((await ok(stack, manager, APPROVE, { id })).approveContract.status).toBe('APPROVED');
  });

  it('refuses requesting approval without an approver', async () => {
    const { id } = await draft(stack, admin, { approvalRequired: true });
    expect((await refused(stack, admin, REQUEST_APPROVAL, { id })).code).toBe('BAD_USER_INPUT');
  });
});

describe('every other transition is refused with CONFLICT naming the current status', () => {
  it('refuses out-of-order steps', async () => {
    const { id } = await draft(stack, admin);
    for (const [operation, variables] of [
      [COMPLETE, {}],
      [DISCARD, {}],
      [APPROVE, {}],
      [REJECT, { reason: '사유' }],
    ] as const) {
      const { code, message } = await refused(stack, admin, operation, { id, ...variables });
      expect(code === 'CONFLICT' || code === 'FORBIDDEN').toBe(true);
      if (code === 'CONFLICT') expect(message).toMatch(/DRAFT/);
    }
    await ok(stack, admin, SEND, { id });
    for (const operation of [SEND, DISCARD]) expect((await refused(stack, admin, operation, { id })).message).toMatch(/This contract is SENT/);
    expect((await refused(stack, admin, DELETE, { id })).code).toBe('CONFLICT');
    await ok(stack, admin, COMPLETE, { id });
    for (const operation of [SEND, COMPLETE, CANCEL, DELETE, REQUEST_APPROVAL]) {
      const { code, message } = await refused(stack, admin, operation, { id });
      expect(code).toBe('CONFLICT');
      expect(message).toMatch(/COMPLETED/);
    }
    const korean = await stack.graphql(CANCEL, { id }, { token: admin, headers: { 'accept-language': 'ko-KR' } });
    expect(korean.errors![0]!.message).toMatch(/체결완료 상태/);
    expect((await ok(stack, admin, DISCARD, { id })).discardContract).toMatchObject({ status: 'DISCARDED', discardedAt: expect.any(String) });
    expect((await refused(stack, admin, CANCEL, { id })).message).toMatch(/DISCARDED/);
    expect((await ok(stack, admin, DELETE, { id })).deleteContract).toBe(id);
    expect((await refused(stack, admin, GET, { id })).code).toBe('NOT_FOUND');
    expect((await refused(stack, admin, CANCEL, { id })).code).toBe('NOT_FOUND');
  });

  it('cancels before completion, then deletes; a deleted contract is invisible and its number stays used', async () => {
    const { id, managementNumber } = await draft(stack, admin);
    expect((await ok(stack, admin, CANCEL, { id })).cancelContract).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    await ok(stack, admin, DELETE, { id });
    const [row] = await stack.sql('select deleted_at, management_number from documents.contract where id = ?', [id]);
    expect(row.deleted_at).not.toBeNull();
    expect(row.management_number).toBe(managementNumber);
    expect((await draft(stack, admin)).managementNumber).not.toBe(managementNumber);
  });
});

describe('a unit per completed contract (R-BILL-1, R-BILL-7)', () => {
  it('refuses sending with QUOTA_EXHAUSTED while the company has no usable unit', async () => {
    const { id } = await draft(stack, admin);
    await exhaustUnits(stack, DemoIds.company);
    try {
      expect((await refused(stack, admin, SEND, { id })).code).toBe('QUOTA_EXHAUSTED');
      expect((await ok(stack, admin, GET, { id })).contract.status).toBe('DRAFT');
    } finally {
      await grantUnits(stack, DemoIds.company, 50);
    }
    expect((await ok(stack, admin, SEND, { id })).sendContract.status).toBe('SENT');
  });

  it('refuses sending without a counterparty', async () => {
    const { id } = await draft(stack, admin, { parties: [] });
    expect((await refused(stack, admin, SEND, { id })).code).toBe('BAD_USER_INPUT');
  });
});

describe('management numbers (R-NUM-1, R-COMPANY-2)', () => {
  it('takes the year and month in Korea: 2026-01-31T14:59Z is January, 15:00Z is February, where the serial restarts', async () => {
    clock.now = () => new Date('2031-01-31T14:59:59Z');
    const january = [await draft(stack, admin), await draft(stack, admin)];
    clock.now = () => new Date('2031-01-31T15:00:00Z');
    const february = await draft(stack, admin);
    expect(january.map((contract) => contract.managementNumber)).toEqual(['2031-01-00001', '2031-01-00002']);
    expect(february.managementNumber).toBe('2031-02-00001');
    expect(february.createdAt).toBe('2031-01-31T15:00:00.000Z');
  });

  it('gives 200 parallel creations 200 distinct, gap-free numbers; cancelled and deleted ones stay counted', async () => {
    clock.now = () => new Date('2032-07-15T03:00:00Z');
    const first = await draft(stack, admin);
    await ok(stack, admin, CANCEL, { id: first.id });
    await ok(stack, admin, DELETE, { id: first.id });
    const created = await Promise.all(Array.from({ length: 200 }, () => draft(stack, admin)));
    const numbers = created.map((contract) => contract.managementNumber).sort();
    expect(new Set(numbers).size).toBe(200);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => `2032-07-${String(i + 2).padStart(5, '0')}`));
  });

  it('reserves N consecutive numbers in one statement (for bulk issuance), continuing the month', async () => {
    const em = stack.subgraphs.documents.createContext().em;
    const at = new Date('2033-03-10T00:00:00Z');
    expect(await reserveNumbers(em, DemoIds.company, at, 1)).toEqual(['2033-03-00001']);
    const bulk = await reserveNumbers(em, DemoIds.company, at, 1000);
    expect(bulk).toHaveLength(1000);
    expect([bulk[0], bulk[999]]).toEqual(['2033-03-00002', '2033-03-01001']);
    clock.now = () => new Date('2033-03-20T00:00:00Z');
    expect((await draft(stack, admin)).managementNumber).toBe('2033-03-01002');
  });

  it('leaves numbers empty in MANUAL mode, unique within the company regardless of case and spaces', async () => {
    await ok(stack, admin, SETTINGS, { input: { contractNumbering: 'MANUAL' } });
    try {
      const contract = await draft(stack, admin);
      expect(contract.managementNumber).toBeNull();
      expect((await refused(stack, admin, SEND, { id: contract.id })).code).toBe('BAD_USER_INPUT');
      expect((await ok(stack, admin, UPDATE, { id: contract.id, input: { managementNumber: ' HR-2026 A1 ' } })).updateContract.managementNumber).toBe(
        'HR-2026 A1',
      );
      for (const taken of ['hr-2026a1', 'HR - 2026 A 1']) {
        const { code } = await refused(stack, admin, CREATE, { input: { title: '계약', managementNumber: taken } });
        expect(code).toBe('CONFLICT');
      }
      const second = await draft(stack, admin, { managementNumber: 'HR-2026-A2' });
      expect(second.managementNumber).toBe('HR-2026-A2');
      expect((await refused(stack, admin, UPDATE, { id: second.id, input: { managementNumber: 'hr-2026 a1' } })).code).toBe('CONFLICT');
      expect((await ok(stack, admin, GET, { id: second.id })).contract.managementNumber).toBe('HR-2026-A2');
      const rows = await stack.sql("select count(*)::int as n from documents.contract where management_number_key = 'hr-2026a1'");
      expect(rows[0].n).toBe(1);
    } finally {
      await ok(stack, admin, SETTINGS, { input: { contractNumbering: 'AUTO' } });
    }
    expect((await refused(stack, admin, CREATE, { input: { title: '계약', managementNumber: 'X-9' } })).code).toBe('BAD_USER_INPUT');
  });
});

describe('listing filters', () => {
  it('filters by status, management number (regardless of case and spaces) and creation time', async () => {
    clock.now = () => new Date('2036-04-01T00:00:00Z');
    const early = await draft(stack, admin, { title: '필터 이른 계약' });
    clock.now = () => new Date('2036-04-20T00:00:00Z');
    const late = await draft(stack, admin, { title: '필터 늦은 계약' });
    await ok(stack, admin, CANCEL, { id: late.id });
    const list = async (filter: Record<string, unknown>) =>
      (await ok(stack, admin, LIST, { first: 500, filter: { search: '필터', ...filter } })).contracts.edges.map((edge: any) => edge.node.id);
    expect(await list({})).toEqual([late.id, early.id]);
    expect(await list({ status: 'CANCELLED' })).toEqual([late.id]);
    expect(await list({ status: 'DRAFT' })).toEqual([early.id]);
    expect(await list({ managementNumber: ` ${early.managementNumber.toLowerCase()} ` })).toEqual([early.id]);
    expect(await list({ createdFrom: '2036-04-10T00:00:00Z' })).toEqual([late.id]);
    expect(await list({ createdTo: '2036-04-10T00:00:00Z' })).toEqual([early.id]);
    expect(await list({ authorId: DemoIds.staff })).toEqual([]);
  });
});
