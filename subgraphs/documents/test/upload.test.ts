import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoAdminViewer, DemoIds, memberViewer, useStack } from '@econtract/testkit';
import { AppError, Grade, MAX_UPLOADS_IN_FLIGHT, signLinkToken, UPLOAD_LINK_PURPOSE } from '@econtract/server-kit';
import { claimUpload, fileDownloadLink, readUpload, sweepUnclaimedUploads } from '../src/upload/upload.service.ts';
import { JPEG_BYTES, makeEncryptedPdf, makePdf, PNG_BYTES } from './upload.fixtures.ts';

const stack = useStack();

const PREPARE = 'mutation ($kind: UploadKind!) { prepareUpload(kind: $kind) { fileId uploadUrl method maxBytes expiresAt contentTypes } }';

interface Prepared {
  fileId: string;
  uploadUrl: string;
  method: string;
  maxBytes: number;
  expiresAt: string;
  contentTypes: string[];
}

async function prepare(kind: string, login = 'demo-admin'): Promise<Prepared> {
  const result = await stack.graphql(PREPARE, { kind }, { token: await stack.login(login) });
  expect(result.errors).toBeUndefined();
  return result.data.prepareUpload;
}

/** The link as handed out names PUBLIC_API_URL; the test gateway listens elsewhere. */
const onGateway = (link: string) => {
  const url = new URL(link);
  return `${stack.gatewayUrl}${url.pathname}${url.search}`;
};

const put = (link: string, body: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  fetch(onGateway(link), {
    method: 'PUT',
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
    headers: { 'content-type': 'application/pdf', ...headers },
    duplex: 'half',
  } as RequestInit);

async function refusal(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string; reason?: string } }> };
  return { status: response.status, code: body.errors[0]!.extensions.code, reason: body.errors[0]!.extensions.reason, message: body.errors[0]!.message };
}

const adminContext = () => stack.subgraphs.documents.createContext({ viewer: demoAdminViewer() });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function uploaded(kind = 'CONTRACT_PDF', bytes?: Buffer) {
  const prepared = await prepare(kind);
  const file = bytes ?? (await makePdf(2));
  const response = await put(prepared.uploadUrl, file);
  expect(response.status).toBe(201);
  return { prepared, bytes: file, answer: (await response.json()) as Record<string, unknown> };
}

describe('uploads: prepareUpload → PUT → claim (#10)', () => {
  it('prepares a signed PUT link on the gateway with the kind’s limits', async () => {
    const prepared = await prepare('CONTRACT_PDF', 'demo-staff');
    expect(prepared).toMatchObject({ method: 'PUT', maxBytes: 10 * 1024 * 1024, contentTypes: ['application/pdf'] });
    expect(prepared.uploadUrl).toMatch(new RegExp(`^http://localhost:4000/uploads/${prepared.fileId}\\?token=`));
    const ttl = new Date(prepared.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(10 * 60 * 1000);
    expect(await prepare('SEAL_IMAGE')).toMatchObject({ maxBytes: 2 * 1024 * 1024, contentTypes: ['image/png', 'image/jpeg'] });
  });

  it('takes a real PDF, and the contract code claims it once in its own transaction', async () => {
    const { prepared, bytes, answer } = await uploaded();
    expect(answer).toEqual({
      fileId: prepared.fileId,
      kind: 'CONTRACT_PDF',
      contentType: 'application/pdf',
      byteSize: bytes.length,
      sha256: sha256(bytes),
      pageCount: 2,
    });

    // A claim inside a transaction that rolls back leaves the file free.
    const ctx = adminContext();
    await expect(
      ctx.em.transactional(async (tx) => {
        await claimUpload({ ...ctx, em: tx }, prepared.fileId, 'CONTRACT_PDF');
        throw new Error('the contract could not be saved');
      }),
    ).rejects.toThrow('the contract could not be saved');

    const file = await claimUpload(adminContext(), prepared.fileId, 'CONTRACT_PDF');
    expect(file).toMatchObject({
      id: prepared.fileId,
      companyId: DemoIds.company,
      kind: 'CONTRACT_PDF',
      contentType: 'application/pdf',
      byteSize: bytes.length,
      sha256: sha256(bytes),
      pageCount: 2,
      uploadedBy: DemoIds.totalAdmin,
    });
    expect(file.claimedAt).toBeInstanceOf(Date);
    expect((await readUpload(adminContext(), prepared.fileId)).equals(bytes)).toBe(true);

    const again = await claimUpload(adminContext(), prepared.fileId, 'CONTRACT_PDF').catch((error: AppError) => error);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe('CONFLICT');
  });

  it('refuses a claim of another company’s file, of the wrong kind, or of an id never uploaded', async () => {
    const { prepared } = await uploaded();
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'claimed',
        (error: AppError) => error.code,
      );
    const individual = stack.subgraphs.documents.createContext({ viewer: memberViewer(DemoIds.individual, DemoIds.personalWorkspace, Grade.INDIVIDUAL) });
    expect(await codeOf(claimUpload(individual, prepared.fileId, 'CONTRACT_PDF'))).toBe('NOT_FOUND');
    expect(await codeOf(readUpload(individual, prepared.fileId))).toBe('NOT_FOUND');
    expect(await codeOf(claimUpload(adminContext(), prepared.fileId, 'TEMPLATE_PDF'))).toBe('BAD_USER_INPUT');
    expect(await codeOf(claimUpload(adminContext(), (await prepare('CONTRACT_PDF')).fileId, 'CONTRACT_PDF'))).toBe('NOT_FOUND');
    expect(await codeOf(claimUpload(adminContext(), 'not-a-uuid', 'CONTRACT_PDF'))).toBe('NOT_FOUND');
    // The other company's refusals left the file free for its owner.
    expect((await claimUpload(adminContext(), prepared.fileId, 'CONTRACT_PDF')).id).toBe(prepared.fileId);
  });

  it('takes one upload per prepared id: a second PUT is CONFLICT', async () => {
    const { prepared } = await uploaded();
    expect(await refusal(await put(prepared.uploadUrl, await makePdf(1)))).toMatchObject({ status: 409, code: 'CONFLICT' });
    // Taken is taken, whatever the second body holds.
    expect(await refusal(await put(prepared.uploadUrl, PNG_BYTES))).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('lets exactly one of racing uploads and racing claims win', async () => {
    const prepared = await prepare('CONTRACT_PDF');
    const bodies = await Promise.all(Array.from({ length: 6 }, (_, i) => makePdf(i + 1)));
    const statuses = await Promise.all(bodies.map(async (body) => (await put(prepared.uploadUrl, body)).status));
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(5);

    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        claimUpload(adminContext(), prepared.fileId, 'CONTRACT_PDF').then(
          () => 'claimed',
          (error: AppError) => error.code,
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'claimed']);
  });

  it('checks the bytes, not the name or declared type, and names the reason in both languages', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['a PNG renamed to .pdf', PNG_BYTES, 'NOT_A_PDF'],
      ['an encrypted PDF', await makeEncryptedPdf(), 'ENCRYPTED_PDF'],
      ['a PDF header over garbage', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41)]), 'CORRUPT_PDF'],
      ['half of a real PDF', (await makePdf(3)).subarray(0, 600), 'CORRUPT_PDF'],
      ['101 pages', await makePdf(101), 'TOO_MANY_PAGES'],
      ['nothing', Buffer.alloc(0), 'EMPTY'],
    ];
    for (const [what, bytes, reason] of cases) {
      const prepared = await prepare('CONTRACT_PDF');
      expect(await refusal(await put(prepared.uploadUrl, bytes)), what).toMatchObject({ status: 422, code: 'FILE_REJECTED', reason });
      // A refused file stores nothing, so the same link can take a good one.
      expect((await put(prepared.uploadUrl, await makePdf(1))).status, what).toBe(201);
    }
    const prepared = await prepare('TEMPLATE_PDF');
    const korean = await refusal(await put(prepared.uploadUrl, await makePdf(101), { 'accept-language': 'ko-KR' }));
    expect(korean).toMatchObject({ code: 'FILE_REJECTED', reason: 'TOO_MANY_PAGES' });
    expect(korean.message).toContain('101쪽');
  });

  it('takes PNG and JPEG seal images by their bytes, total admin only', async () => {
    for (const [bytes, type] of [
      [PNG_BYTES, 'image/png'],
      [JPEG_BYTES, 'image/jpeg'],
    ] as const) {
      const prepared = await prepare('SEAL_IMAGE');
      const response = await put(prepared.uploadUrl, bytes, { 'content-type': 'application/pdf' });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ kind: 'SEAL_IMAGE', contentType: type, pageCount: null });
    }
    const prepared = await prepare('SEAL_IMAGE');
    expect(await refusal(await put(prepared.uploadUrl, await makePdf(1), { 'content-type': 'image/png' }))).toMatchObject({
      status: 422,
      code: 'FILE_REJECTED',
      reason: 'NOT_AN_IMAGE',
    });

    for (const login of ['demo-manager', 'demo-staff', 'demo-individual']) {
      const refused = await stack.graphql(PREPARE, { kind: 'SEAL_IMAGE' }, { token: await stack.login(login) });
      expect(refused.errors?.[0]?.extensions?.code, login).toBe('FORBIDDEN');
    }
  });

  it('lets company members prepare contract and template uploads, nobody else', async () => {
    for (const login of ['demo-admin', 'demo-manager', 'demo-staff', 'demo-individual']) {
      for (const kind of ['CONTRACT_PDF', 'TEMPLATE_PDF']) expect((await prepare(kind, login)).fileId, `${login} ${kind}`).toBeTruthy();
    }
    const operator = await stack.graphql(PREPARE, { kind: 'CONTRACT_PDF' }, { token: await stack.login('operator') });
    expect(operator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await stack.graphql(PREPARE, { kind: 'CONTRACT_PDF' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired, forged, other-file or missing link with 401 coded JSON', async () => {
    const prepared = await prepare('CONTRACT_PDF');
    const pdf = await makePdf(1);
    const secret = stack.linkSecret;
    const claims = { kind: 'CONTRACT_PDF', cid: DemoIds.company, uid: DemoIds.totalAdmin };
    const expired = await signLinkToken(secret, UPLOAD_LINK_PURPOSE, prepared.fileId, claims, -60);
    const forged = await signLinkToken('a-different-secret-of-at-least-32-chars!', UPLOAD_LINK_PURPOSE, prepared.fileId, claims, 600);
    const other = new URL(prepared.uploadUrl).search;
    const links = [
      `/uploads/${prepared.fileId}?token=${expired}`,
      `/uploads/${prepared.fileId}?token=${forged}`,
      `/uploads/${randomUUID()}${other}`,
      `/uploads/${prepared.fileId}`,
      `${new URL(prepared.uploadUrl).pathname}${other.slice(0, -3)}abc`,
    ];
    for (const link of links)
      expect(await refusal(await put(`http://localhost:4000${link}`, pdf)), link).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    // None of them used the id up.
    expect((await put(prepared.uploadUrl, pdf)).status).toBe(201);
  });

  it('refuses a body over the limit with 413 coded JSON, declared or streamed, and keeps serving', async () => {
    const prepared = await prepare('CONTRACT_PDF');
    const declared = await put(prepared.uploadUrl, Buffer.alloc(prepared.maxBytes + 1, 0x25));
    expect(await refusal(declared)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });

    // No length announced: the gateway counts while reading and stops at the limit.
    const chunk = Buffer.alloc(1024 * 1024, 0x25);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 12) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const streamed = await put(prepared.uploadUrl, stream);
    const answer = await refusal(streamed);
    expect(answer).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(answer.message).toContain('10 MB');

    // The id is still unused, and the gateway still answers.
    expect((await put(prepared.uploadUrl, await makePdf(1))).status).toBe(201);
    expect((await fetch(`${stack.gatewayUrl}/healthz`)).status).toBe(200);
  });

  it('reads at most 16 uploads at once and tells the next one to retry (503, retry-after)', async () => {
    const prepared = await Promise.all(Array.from({ length: MAX_UPLOADS_IN_FLIGHT + 1 }, () => prepare('CONTRACT_PDF')));
    const stop = new AbortController();
    // Uploads that send a first chunk and then hang, holding their place.
    const hanging = prepared.slice(0, MAX_UPLOADS_IN_FLIGHT).map(({ uploadUrl }) =>
      fetch(onGateway(uploadUrl), {
        method: 'PUT',
        body: new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new Uint8Array(1024)) }),
        duplex: 'half',
        signal: stop.signal,
      } as RequestInit).catch(() => null),
    );
    try {
      let busy: { status: number; code: string; retryAfter?: string | null } | undefined;
      for (let attempt = 0; attempt < 50 && busy?.status !== 503; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const response = await put(prepared.at(-1)!.uploadUrl, Buffer.alloc(0));
        busy = response.status === 503 ? { ...(await refusal(response)), retryAfter: response.headers.get('retry-after') } : await refusal(response);
      }
      expect(busy).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });
    } finally {
      stop.abort();
      await Promise.all(hanging);
    }
    // Their places are given back once they are gone.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 201; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await put(prepared.at(-1)!.uploadUrl, await makePdf(1))).status;
    }
    expect(status).toBe(201);
  });

  it('serves a stored file at a short-lived signed download link, as an uncached attachment', async () => {
    const { prepared, bytes } = await uploaded();
    const link = await fileDownloadLink(adminContext(), prepared.fileId, '임대차 계약서.pdf');
    expect(link).toMatch(new RegExp(`^http://localhost:4000/files/${prepared.fileId}\\?token=`));
    const response = await fetch(onGateway(link));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('임대차 계약서.pdf')}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);

    const expired = await fileDownloadLink(adminContext(), prepared.fileId, 'a.pdf', -5);
    expect(await refusal(await fetch(onGateway(expired)))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const url = new URL(onGateway(link));
    expect(await refusal(await fetch(`${stack.gatewayUrl}/files/${randomUUID()}${url.search}`))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    // An upload link does not download, and a download link does not upload.
    expect(await refusal(await fetch(`${stack.gatewayUrl}/files/${prepared.fileId}${new URL(prepared.uploadUrl).search}`))).toMatchObject({ status: 401 });
    expect(await refusal(await put(`http://localhost:4000/uploads/${prepared.fileId}${url.search}`, bytes))).toMatchObject({ status: 401 });
    const gone = await fileDownloadLink(adminContext(), randomUUID(), 'gone.pdf');
    expect(await refusal(await fetch(onGateway(gone)))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it("keeps documents' file endpoint behind the internal token", async () => {
    const { prepared } = await uploaded();
    const direct = await fetch(`${stack.subgraphs.documents.url}/files/${prepared.fileId}${new URL(prepared.uploadUrl).search}`, {
      method: 'PUT',
      body: new Uint8Array(await makePdf(1)),
    });
    expect(await refusal(direct)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('sweeps unclaimed uploads older than a day, and keeps claimed ones', async () => {
    const unclaimed = await uploaded();
    const claimed = await uploaded();
    const fresh = await uploaded();
    await claimUpload(adminContext(), claimed.prepared.fileId, 'CONTRACT_PDF');
    await stack.sql(`update documents.stored_file set created_at = now() - interval '25 hours' where id in (?, ?)`, [
      unclaimed.prepared.fileId,
      claimed.prepared.fileId,
    ]);
    expect(await sweepUnclaimedUploads(adminContext().em)).toBeGreaterThanOrEqual(1);
    const left = (
      await stack.sql<{ id: string }>(`select id from documents.stored_file where id in (?, ?, ?)`, [
        unclaimed.prepared.fileId,
        claimed.prepared.fileId,
        fresh.prepared.fileId,
      ])
    ).map((row) => row.id);
    expect(left.sort()).toEqual([claimed.prepared.fileId, fresh.prepared.fileId].sort());
  });
});
