import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAdminViewer, useStack } from '@econtract/testkit';
import { claimUpload, fileDownloadLink, readUpload } from '../src/upload/upload.service.ts';
import { makePdf } from './upload.fixtures.ts';

// Read by documents when its stack starts (this file runs in its own worker).
const directory = await mkdtemp(path.join(tmpdir(), 'econtract-upload-fs-'));
const previous = { FILE_STORAGE: process.env.FILE_STORAGE, FILE_STORAGE_DIR: process.env.FILE_STORAGE_DIR };
process.env.FILE_STORAGE = 'filesystem';
process.env.FILE_STORAGE_DIR = directory;
afterAll(async () => {
  for (const [key, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(directory, { recursive: true, force: true });
});

const stack = useStack();
const onGateway = (link: string) => `${stack.gatewayUrl}${new URL(link).pathname}${new URL(link).search}`;

describe('uploads with FILE_STORAGE=filesystem', () => {
  it('keeps the bytes in FILE_STORAGE_DIR, not in the database, through upload, claim, read and download', async () => {
    const token = await stack.login('demo-admin');
    const prepared = (await stack.graphql('mutation { prepareUpload(kind: TEMPLATE_PDF) { fileId uploadUrl } }', {}, { token })).data.prepareUpload;
    const pdf = await makePdf(3);
    const response = await fetch(onGateway(prepared.uploadUrl), { method: 'PUT', body: new Uint8Array(pdf) });
    expect(response.status).toBe(201);

    const onDisk = await readFile(path.join(directory, prepared.fileId.slice(0, 2), prepared.fileId));
    expect(onDisk.equals(pdf)).toBe(true);
    const [row] = await stack.sql<{ bytes: Buffer | null; page_count: number }>('select bytes, page_count from documents.stored_file where id = ?', [
      prepared.fileId,
    ]);
    expect(row).toEqual({ bytes: null, page_count: 3 });

    const ctx = stack.subgraphs.documents.createContext({ viewer: demoAdminViewer() });
    expect((await claimUpload(ctx, prepared.fileId, 'TEMPLATE_PDF')).pageCount).toBe(3);
    expect((await readUpload(ctx, prepared.fileId)).equals(pdf)).toBe(true);
    const download = await fetch(onGateway(await fileDownloadLink(ctx, prepared.fileId, 'template.pdf')));
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });
});
