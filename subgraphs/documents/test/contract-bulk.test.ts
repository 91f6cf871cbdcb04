import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { CREATE, NO_RIGHTS, ok, party, refused, SET_PERMISSIONS, SETTINGS, staffMember } from './documents.helpers.ts';

// Issue #10 item 5: bulk issuance (대량발행) through the gateway, all or none, numbered in one statement.
const stack = useStack();
const BULK =
  'mutation ($input: CreateContractsInBulkInput!) { createContractsInBulk(input: $input) { id title body managementNumber status parties { role name email } } }';
const TEMPLATE_BODY = '제1조 (금액) 갑은 을에게 {{금액}}을 지급한다.\n담당자: {{ 담당자 }}';

let admin: string;
let templateId: string;

const row = (i: number) => ({
  title: `2026년 용역 계약서 - 상대방 ${i}`,
  parties: [{ name: `상대방${i}`, email: `bulk-${i}@counterparty.example`, phone: '010-1234-5678', company: `상대회사 ${i}` }],
  fields: [
    { name: '금액', value: `${(i + 1) * 10_000}원` },
    { name: '담당자', value: '김담당' },
  ],
});
const rows = (count: number) => Array.from({ length: count }, (_, i) => row(i + 1));

/** Serials of every automatic number the demo company holds for one Seoul month. */
async function serialsOf(period: string): Promise<number[]> {
  const found = await stack.sql<{ management_number: string }>(
    `select management_number from documents.contract where company_id = ? and management_number like ?`,
    [DemoIds.company, `${period}-%`],
  );
  return found.map((contract) => Number(contract.management_number.slice(8))).sort((a, b) => a - b);
}
const contractCount = async () => Number((await stack.sql<{ n: string }>('select count(*) as n from documents.contract'))[0]!.n);

beforeAll(async () => {
  admin = await stack.login('demo-admin');
  await ok(stack, admin, SETTINGS, { input: { internalApproval: false, contractNumbering: 'AUTO' } });
  templateId = (
    await ok(stack, admin, 'mutation ($input: CreateContractTemplateInput!) { createContractTemplate(input: $input) { id } }', {
      input: { title: '용역 계약서', body: TEMPLATE_BODY },
    })
  ).createContractTemplate.id;
});

describe('createContractsInBulk', () => {
  it('issues 1,000 contracts in one call through the gateway, with consecutive numbers, interleaved correctly with parallel single creations', async () => {
    const input = { templateId, rows: rows(1000) };
    // Over the gateway's ordinary 100 KB body limit: the bulk operation may use more.
    expect(Buffer.byteLength(JSON.stringify({ query: BULK, variables: { input } }))).toBeGreaterThan(100 * 1024);
    const singles = Array.from({ length: 20 }, (_, i) =>
      ok(stack, admin, CREATE, { input: { title: `단건 ${i}`, parties: [party()], approvalRequired: false } }),
    );
    const [bulk, ...single] = await Promise.all([ok(stack, admin, BULK, { input }), ...singles]);

    const issued = bulk.createContractsInBulk as Array<{
      title: string;
      body: string;
      managementNumber: string;
      status: string;
      parties: Array<{ role: string; email: string }>;
    }>;
    expect(issued).toHaveLength(1000);
    expect(issued[16]!.title).toBe('2026년 용역 계약서 - 상대방 17');
    expect(issued[16]!.body).toBe('제1조 (금액) 갑은 을에게 180000원을 지급한다.\n담당자: 김담당');
    expect(issued[16]!.parties.map((p) => [p.role, p.email])).toEqual([
      ['SENDER', 'admin@demo-company.example'],
      ['COUNTERPARTY', 'bulk-17@counterparty.example'],
    ]);
    expect(issued.every((contract) => contract.status === 'DRAFT')).toBe(true);

    // One company-month: the batch's serials are consecutive and in row order.
    const period = issued[0]!.managementNumber.slice(0, 7);
    expect(issued.every((contract) => contract.managementNumber.startsWith(`${period}-`))).toBe(true);
    const bulkSerials = issued.map((contract) => Number(contract.managementNumber.slice(8)));
    expect(bulkSerials).toEqual(Array.from({ length: 1000 }, (_, i) => bulkSerials[0]! + i));
    // The single creations fall before or after the batch, never inside it, and nothing is issued twice or skipped.
    const singleSerials = single.map((result) => Number(result.createContract.managementNumber.slice(8)));
    expect(singleSerials.filter((serial) => serial >= bulkSerials[0]! && serial <= bulkSerials[999]!)).toEqual([]);
    const all = await serialsOf(period);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.length).toBeGreaterThanOrEqual(1020);

    // Every contract is listed in the sent box and audited as created.
    const [audited] = await stack.sql<{ n: string }>(
      `select count(*) as n from documents.audit_entry where action = 'CONTRACT_CREATED' and (after -> 'bulk' ->> 'of') = '1000'`,
    );
    expect(Number(audited!.n)).toBe(1000);
  }, 120_000);

  it('refuses the whole batch when one row is wrong, naming the row in both languages, and writes nothing', async () => {
    const before = await contractCount();
    const [counterBefore] = await stack.sql<{ total: string }>(
      'select coalesce(sum(last_serial), 0) as total from documents.contract_number_counter where company_id = ?',
      [DemoIds.company],
    );
    const bad = rows(30);
    bad[16] = { ...bad[16]!, parties: [{ ...bad[16]!.parties[0]!, email: 'not-an-email' }] };
    bad[24] = { ...bad[24]!, fields: [{ name: '금액', value: '1원' }] };
    const english = await refused(stack, admin, BULK, { input: { templateId, rows: bad } });
    expect(english.code).toBe('BAD_USER_INPUT');
    const extensions = english.result.errors![0]!.extensions!;
    expect(extensions.rowErrorCount).toBe(2);
    expect(extensions.rows).toEqual([
      { row: 17, field: 'parties.0', message: expect.stringMatching(/Counterparty 1 needs a name/) },
      { row: 25, field: 'fields.담당자', message: 'Give a value for "담당자".' },
    ]);
    expect(english.message).toMatch(/2 of 30 rows cannot be issued, so none was \(row 17/);

    const korean = await stack.graphql(BULK, { input: { templateId, rows: bad } }, { token: admin, headers: { 'accept-language': 'ko' } });
    expect(korean.errors![0]!.message).toMatch(/30건 중 2건에 오류가 있어 한 건도 발행하지 않았습니다/);
    expect((korean.errors![0]!.extensions!.rows as unknown[])[1]).toEqual({ row: 25, field: 'fields.담당자', message: '"담당자" 항목의 값을 입력해 주세요.' });

    // Nothing written, no number used: the counter is where it was.
    expect(await contractCount()).toBe(before);
    const [counterAfter] = await stack.sql<{ total: string }>(
      'select coalesce(sum(last_serial), 0) as total from documents.contract_number_counter where company_id = ?',
      [DemoIds.company],
    );
    expect(counterAfter!.total).toBe(counterBefore!.total);

    // A place the template does not have, an empty batch and one over 1,000 rows.
    const unknown = await refused(stack, admin, BULK, {
      input: { templateId, rows: [{ ...row(1), fields: [...row(1).fields, { name: '기간', value: '1년' }] }] },
    });
    expect(unknown.result.errors![0]!.extensions!.rows).toEqual([{ row: 1, field: 'fields.기간', message: 'The template has no place named "기간".' }]);
    expect((await refused(stack, admin, BULK, { input: { templateId, rows: [] } })).code).toBe('BAD_USER_INPUT');
    const tooMany = Array.from({ length: 1001 }, () => ({
      parties: [{ name: '갑', email: 'a@b.example' }],
      fields: [
        { name: '금액', value: '1' },
        { name: '담당자', value: '김' },
      ],
    }));
    expect((await refused(stack, admin, BULK, { input: { templateId, rows: tooMany } })).message).toMatch(/1 to 1000 rows/);
    expect(await contractCount()).toBe(before);
  });

  it('with manual numbering, names rows whose numbers repeat in the batch or are taken in the company', async () => {
    await ok(stack, admin, SETTINGS, { input: { contractNumbering: 'MANUAL' } });
    try {
      await ok(stack, admin, CREATE, { input: { title: '기존', managementNumber: 'BULK-001', approvalRequired: false } });
      const before = await contractCount();
      const numbered = [1, 2, 3].map((i) => ({ ...row(i), managementNumber: `BULK-10${i}` }));
      numbered[1]!.managementNumber = ' bulk-101 ';
      numbered[2]!.managementNumber = 'Bulk-001';
      const result = await refused(stack, admin, BULK, { input: { templateId, rows: numbered } });
      expect(result.result.errors![0]!.extensions!.rows).toEqual([
        { row: 2, field: 'managementNumber', message: 'Management number "bulk-101" is also in row 1.' },
        { row: 3, field: 'managementNumber', message: 'Management number "BULK-001" is already used in your company.' },
      ]);
      expect(await contractCount()).toBe(before);
      const issued = (await ok(stack, admin, BULK, { input: { templateId, rows: [{ ...row(1), managementNumber: 'BULK-201' }, row(2)] } }))
        .createContractsInBulk;
      expect(issued.map((contract: { managementNumber: string | null }) => contract.managementNumber)).toEqual(['BULK-201', null]);
    } finally {
      await ok(stack, admin, SETTINGS, { input: { contractNumbering: 'AUTO' } });
    }
  });

  it('needs the write permission (R-PERM-1): FORBIDDEN without it, allowed with it', async () => {
    const staff = await stack.login('demo-staff');
    expect((await refused(stack, staff, BULK, { input: { templateId, rows: rows(2) } })).code).toBe('FORBIDDEN');
    const writer = await staffMember(stack, admin, { departmentId: '00000000-0000-4000-8000-00000000d002' });
    await ok(stack, admin, SET_PERMISSIONS, { id: writer.id, input: { ...NO_RIGHTS, write: true } });
    const issued = (await ok(stack, writer.token, BULK, { input: { templateId, rows: rows(2) } })).createContractsInBulk;
    expect(issued).toHaveLength(2);
    await ok(stack, admin, SET_PERMISSIONS, { id: writer.id, input: NO_RIGHTS });
    expect((await refused(stack, writer.token, BULK, { input: { templateId, rows: rows(2) } })).code).toBe('FORBIDDEN');
  });

  it('admits a body over 100 KB only for the bulk operation of a signed-in caller, and at most 900 KB', async () => {
    const post = (body: string, token?: string) =>
      fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
    const large = JSON.stringify({ query: BULK, variables: { input: { templateId, rows: rows(600) } } });
    expect(Buffer.byteLength(large)).toBeGreaterThan(100 * 1024);
    // Anonymous: refused by size before anything else.
    expect((await post(large)).status).toBe(413);
    // Another operation with a body as large, signed in.
    const padded = JSON.stringify({ query: '{ plans { code } }', variables: { pad: 'x'.repeat(150 * 1024) } });
    expect((await post(padded, admin)).status).toBe(413);
    // The bulk mutation next to another field does not get the room either.
    const mixed = JSON.stringify({
      query: BULK.replace('createContractsInBulk(input: $input) {', 'logout createContractsInBulk(input: $input) {'),
      variables: { input: { templateId, rows: rows(600) } },
    });
    expect((await post(mixed, admin)).status).toBe(413);
    // Over 900 KB even for the bulk mutation.
    const huge = JSON.stringify({
      query: BULK,
      variables: {
        input: { templateId, rows: rows(1000).map((r) => ({ ...r, title: '가'.repeat(200), parties: [{ ...r.parties[0]!, company: '나'.repeat(100) }] })) },
      },
    });
    expect(Buffer.byteLength(huge)).toBeGreaterThan(900 * 1024);
    const hugeAnswer = await post(huge, admin);
    expect(hugeAnswer.status).toBe(413);
    expect((await hugeAnswer.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
