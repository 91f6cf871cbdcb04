import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { grantUnits, ok, otherCompany, party, refused } from './documents.helpers.ts';
import { makePdf } from './upload.fixtures.ts';

const stack = useStack();

const PDF = 'bodyPdf { fileName byteSize pageCount sha256 downloadUrl }';
const CONTRACT = `id title body status contentDigest template { id } ${PDF}`;
const CREATE = `mutation ($input: CreateContractInput!) { createContract(input: $input) { ${CONTRACT} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateContractInput!) { updateContract(id: $id, input: $input) { ${CONTRACT} } }`;
const GET = `query ($id: ID!) { contract(id: $id) { ${CONTRACT} } }`;
const SEND = `mutation ($id: ID!) { sendContract(id: $id) { ${CONTRACT} } }`;
const TEMPLATE = `id title signatureFields { page } ${PDF}`;
const CREATE_TEMPLATE = `mutation ($input: CreateContractTemplateInput!) { createContractTemplate(input: $input) { ${TEMPLATE} } }`;
const UPDATE_TEMPLATE = `mutation ($id: ID!, $input: UpdateContractTemplateInput!) { updateContractTemplate(id: $id, input: $input) { ${TEMPLATE} } }`;
const PREPARE = 'mutation ($kind: UploadKind!) { prepareUpload(kind: $kind) { fileId uploadUrl } }';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** The documented digest: SHA-256 over the text's UTF-8 bytes, then 0x00 and the PDF bytes when there is a PDF. */
const expectedDigest = (text: string, pdf: Buffer) =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0]), pdf]))
    .digest('hex');

/** Links name PUBLIC_API_URL; the test gateway listens elsewhere. */
const onGateway = (link: string) => {
  const url = new URL(link);
  return `${stack.gatewayUrl}${url.pathname}${url.search}`;
};

/** prepareUpload, then PUT the bytes to the gateway's signed upload link: the file id. */
async function upload(token: string, kind: 'CONTRACT_PDF' | 'TEMPLATE_PDF', bytes: Buffer): Promise<string> {
  const { prepareUpload } = await ok(stack, token, PREPARE, { kind });
  const response = await fetch(onGateway(prepareUpload.uploadUrl), {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { 'content-type': 'application/pdf' },
  });
  expect(response.status).toBe(201);
  return prepareUpload.fileId;
}

async function download(link: string): Promise<Buffer> {
  const response = await fetch(onGateway(link));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await response.arrayBuffer());
}

let admin: string;
beforeAll(async () => {
  admin = await stack.login('demo-admin');
  await grantUnits(stack, DemoIds.company, 20);
});

describe('PDF bodies of contracts and templates (#10 item 2)', () => {
  it('creates a contract with a PDF, fixes the digest over text and PDF at send, and lets the receiving company download it but no other company', async () => {
    const receiver = await otherCompany(stack);
    const stranger = await otherCompany(stack);
    const pdf = await makePdf(2);
    const fileId = await upload(admin, 'CONTRACT_PDF', pdf);
    const created = (
      await ok(stack, admin, CREATE, {
        input: { title: '임대차 계약서', body: '제1조 목적', bodyFileId: fileId, parties: [{ name: '이대표', email: receiver.email }] },
      })
    ).createContract;
    expect(created.bodyPdf).toMatchObject({ fileName: '임대차 계약서.pdf', byteSize: pdf.length, pageCount: 2, sha256: sha256(pdf) });
    expect((await download(created.bodyPdf.downloadUrl)).equals(pdf)).toBe(true);
    expect(created.contentDigest).toBeNull();

    const sent = (await ok(stack, admin, SEND, { id: created.id })).sendContract;
    expect(sent.contentDigest).toBe(expectedDigest('제1조 목적', pdf));
    expect(sent.contentDigest).not.toBe(sha256(Buffer.from('제1조 목적', 'utf8')));

    // The receiving company's addressee sees the contract, so gets a link to its PDF.
    const received = (await ok(stack, receiver.token, GET, { id: created.id })).contract;
    expect(received.contentDigest).toBe(sent.contentDigest);
    expect((await download(received.bodyPdf.downloadUrl)).equals(pdf)).toBe(true);

    // Any other company does not see the contract at all, so no link either.
    const { code, result } = await refused(stack, stranger.token, GET, { id: created.id });
    expect(code).toBe('NOT_FOUND');
    expect(JSON.stringify(result)).not.toContain('/files/');
  });

  it('refuses a file another record already claimed (CONFLICT) and a TEMPLATE_PDF used as a contract body (WRONG_KIND)', async () => {
    const fileId = await upload(admin, 'CONTRACT_PDF', await makePdf(1));
    await ok(stack, admin, CREATE, { input: { title: '첫 계약', bodyFileId: fileId, parties: [party()] } });
    const second = await refused(stack, admin, CREATE, { input: { title: '둘째 계약', bodyFileId: fileId, parties: [party()] } });
    expect(second.code).toBe('CONFLICT');

    const templateFile = await upload(admin, 'TEMPLATE_PDF', await makePdf(1));
    const wrongKind = await refused(stack, admin, CREATE, { input: { title: '잘못된 종류', bodyFileId: templateFile } });
    expect(wrongKind.code).toBe('BAD_USER_INPUT');
    expect(wrongKind.result.errors![0]!.extensions?.reason).toBe('WRONG_KIND');
    // The refused claim left the file free for a template.
    const template = (await ok(stack, admin, CREATE_TEMPLATE, { input: { title: '양식', bodyFileId: templateFile } })).createContractTemplate;
    expect(template.bodyPdf.pageCount).toBe(1);
  });

  it('refuses a signature field beyond the PDF’s pages, naming the field; the rolled-back write frees the upload', async () => {
    const pdf = await makePdf(1);
    const fileId = await upload(admin, 'TEMPLATE_PDF', pdf);
    const field = (page: number) => ({ page, x: 10, y: 10, width: 100, height: 40, partyIndex: 0 });
    const onPage3 = await refused(stack, admin, CREATE_TEMPLATE, { input: { title: '근로계약서', bodyFileId: fileId, signatureFields: [field(1), field(3)] } });
    expect(onPage3.code).toBe('BAD_USER_INPUT');
    expect(onPage3.result.errors![0]!.extensions?.field).toBe('signatureFields.1');
    expect(onPage3.message).toContain('page 3');

    // A later failure in the same transaction (an unknown category) also rolls the claim back.
    const noCategory = await refused(stack, admin, CREATE_TEMPLATE, { input: { title: '근로계약서', bodyFileId: fileId, categoryId: randomUUID() } });
    expect(noCategory.code).toBe('NOT_FOUND');
    const [row] = await stack.sql<{ claimed_at: Date | null }>('select claimed_at from documents.stored_file where id = ?', [fileId]);
    expect(row!.claimed_at).toBeNull();

    const template = (await ok(stack, admin, CREATE_TEMPLATE, { input: { title: '근로계약서', bodyFileId: fileId, signatureFields: [field(1)] } }))
      .createContractTemplate;
    expect(template.bodyPdf).toMatchObject({ fileName: '근로계약서.pdf', pageCount: 1, sha256: sha256(pdf) });
    expect((await download(template.bodyPdf.downloadUrl)).equals(pdf)).toBe(true);

    // Fields are checked against the template's current PDF on update too.
    const update = await refused(stack, admin, UPDATE_TEMPLATE, { id: template.id, input: { signatureFields: [field(2)] } });
    expect(update.code).toBe('BAD_USER_INPUT');
    expect(update.result.errors![0]!.extensions?.field).toBe('signatureFields.0');
  });

  it('shares a template’s PDF with contracts written from it (also in bulk); a draft may take its own PDF instead', async () => {
    const templatePdf = await makePdf(3);
    const template = (
      await ok(stack, admin, CREATE_TEMPLATE, { input: { title: '공급 계약서', body: '제1조', bodyFileId: await upload(admin, 'TEMPLATE_PDF', templatePdf) } })
    ).createContractTemplate;
    const contract = (await ok(stack, admin, CREATE, { input: { templateId: template.id, parties: [party()] } })).createContract;
    expect(contract.bodyPdf).toMatchObject({ fileName: '공급 계약서.pdf', pageCount: 3, sha256: sha256(templatePdf) });
    const bulk = (
      await ok(stack, admin, `mutation ($input: CreateContractsInBulkInput!) { createContractsInBulk(input: $input) { id ${PDF} } }`, {
        input: { templateId: template.id, rows: [{ parties: [party()] }, { title: '공급 계약서 2', parties: [party()] }] },
      })
    ).createContractsInBulk;
    expect(bulk.map((issued: { bodyPdf: { sha256: string; fileName: string } }) => [issued.bodyPdf.sha256, issued.bodyPdf.fileName])).toEqual([
      [sha256(templatePdf), '공급 계약서.pdf'],
      [sha256(templatePdf), '공급 계약서 2.pdf'],
    ]);

    const ownPdf = await makePdf(1);
    const updated = (await ok(stack, admin, UPDATE, { id: contract.id, input: { bodyFileId: await upload(admin, 'CONTRACT_PDF', ownPdf) } })).updateContract;
    expect(updated.bodyPdf).toMatchObject({ pageCount: 1, sha256: sha256(ownPdf) });
    // The template keeps its own PDF.
    expect(
      (await ok(stack, admin, `query ($id: ID!) { contractTemplate(id: $id) { ${TEMPLATE} } }`, { id: template.id })).contractTemplate.bodyPdf.sha256,
    ).toBe(sha256(templatePdf));

    const sent = (await ok(stack, admin, SEND, { id: contract.id })).sendContract;
    expect(sent.contentDigest).toBe(expectedDigest('제1조', ownPdf));
    // After sending, the PDF can no longer be replaced.
    const late = await refused(stack, admin, UPDATE, { id: contract.id, input: { bodyFileId: await upload(admin, 'CONTRACT_PDF', await makePdf(1)) } });
    expect(late.code).toBe('CONFLICT');
  });
});
