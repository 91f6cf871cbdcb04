import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { FilesystemFileStorage, fileStorageFor, PostgresFileStorage, type FileStorage } from '../src/upload/file-storage.ts';
import { loadUploadEnv } from '../src/upload/upload.env.ts';

const stack = useStack();
const em = () => stack.subgraphs.documents.createContext().em;
const directory = await mkdtemp(path.join(tmpdir(), 'econtract-files-'));
afterAll(() => rm(directory, { recursive: true, force: true }));

/** The record every stored file has, whichever storage keeps its bytes. */
async function recordFile(bytes: Buffer): Promise<string> {
  const id = randomUUID();
  await stack.sql(
    `insert into documents.stored_file (id, company_id, kind, content_type, byte_size, sha256, page_count, uploaded_by) values (?, ?, 'CONTRACT_PDF', 'application/pdf', ?, ?, 1, ?)`,
    [id, DemoIds.company, bytes.length, 'a'.repeat(64), DemoIds.totalAdmin],
  );
  return id;
}

const meta = { companyId: DemoIds.company, contentType: 'application/pdf', sha256: 'a'.repeat(64) };

// One contract, both implementations: a storage that passes it can replace the other.
describe.each([
  ['PostgreSQL', () => new PostgresFileStorage(em())],
  ['filesystem', () => new FilesystemFileStorage(directory)],
] as Array<[string, () => FileStorage]>)('FileStorage contract: %s', (_name, storage) => {
  it('gives back exactly the bytes it was given, binary included', async () => {
    const bytes = Buffer.concat([Buffer.from([0, 255, 0, 13, 10]), randomBytes(256 * 1024)]);
    const id = await recordFile(bytes);
    await storage().put(id, bytes, meta);
    const read = await storage().get(id);
    expect(read?.equals(bytes)).toBe(true);
  });

  it('answers null for an id it holds nothing under', async () => {
    expect(await storage().get(randomUUID())).toBeNull();
  });

  it('deletes, and deleting again or deleting nothing is not an error', async () => {
    const bytes = randomBytes(1024);
    const id = await recordFile(bytes);
    await storage().put(id, bytes, meta);
    await storage().delete(id);
    expect(await storage().get(id)).toBeNull();
    await expect(storage().delete(id)).resolves.toBeUndefined();
    await expect(storage().delete(randomUUID())).resolves.toBeUndefined();
  });

  it('keeps files apart', async () => {
    const [a, b] = [randomBytes(100), randomBytes(200)];
    const [idA, idB] = [await recordFile(a), await recordFile(b)];
    await storage().put(idA, a, meta);
    await storage().put(idB, b, meta);
    await storage().delete(idA);
    expect(await storage().get(idA)).toBeNull();
    expect((await storage().get(idB))?.equals(b)).toBe(true);
  });
});

describe('file storage settings', () => {
  it('uses PostgreSQL by default and the filesystem when FILE_STORAGE says so', () => {
    expect(fileStorageFor(em(), loadUploadEnv({}))).toBeInstanceOf(PostgresFileStorage);
    expect(fileStorageFor(em(), loadUploadEnv({ FILE_STORAGE: 'filesystem', FILE_STORAGE_DIR: directory }))).toBeInstanceOf(FilesystemFileStorage);
  });

  it('refuses filesystem storage without a directory, and unknown storages', () => {
    expect(() => loadUploadEnv({ FILE_STORAGE: 'filesystem' })).toThrow(/FILE_STORAGE_DIR: must be set when FILE_STORAGE=filesystem/);
    expect(() => loadUploadEnv({ FILE_STORAGE: 's3' })).toThrow(/FILE_STORAGE/);
  });

  it('never turns something other than a file id into a path', async () => {
    const storage = new FilesystemFileStorage(directory);
    await expect(storage.put('../escape', Buffer.from('x'), meta)).rejects.toThrow(/not a file id/);
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/not a file id/);
    expect((await readdir(directory)).some((name) => name.includes('escape'))).toBe(false);
  });
});
