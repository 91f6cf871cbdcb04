import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isUuid, type EntityManager } from '@econtract/server-kit';
import { uploadSettings, type UploadEnv } from './upload.env.ts';

/** What a storage may want to know about the bytes it keeps. */
export interface StoredFileMeta {
  companyId: string;
  contentType: string;
  sha256: string;
}

/**
 * Where uploaded bytes live. The file's record (company, kind, size, claim) is always the
 * `stored_file` row; a storage keeps only the bytes, under the row's id, and `put` runs after the
 * row is written in the same transaction.
 */
export interface FileStorage {
  put(id: string, bytes: Buffer, meta: StoredFileMeta): Promise<void>;
  /** The bytes, or null when none are stored under `id`. */
  get(id: string): Promise<Buffer | null>;
  /** Removes the bytes; nothing to remove is not an error. */
  delete(id: string): Promise<void>;
}

/** The default: bytes in the row's `bytea` column, written in the caller's transaction (`em`). */
export class PostgresFileStorage implements FileStorage {
  constructor(private readonly em: EntityManager) {}

  async put(id: string, bytes: Buffer, _meta?: StoredFileMeta): Promise<void> {
    const rows = await this.em.execute(`update "documents"."stored_file" set "bytes" = ? where "id" = ? returning "id"`, [bytes, id]);
    if (rows.length !== 1) throw new Error(`stored_file ${id} has no record to hold its bytes`);
  }

  async get(id: string): Promise<Buffer | null> {
    const [row] = await this.em.execute<Array<{ bytes: Buffer | null }>>(`select "bytes" from "documents"."stored_file" where "id" = ?`, [id]);
    return row?.bytes ?? null;
  }

  async delete(id: string): Promise<void> {
    await this.em.execute(`update "documents"."stored_file" set "bytes" = null where "id" = ?`, [id]);
  }
}

/** One file per upload under `dir`, named by its id; written to a temporary name, then renamed, so a reader never sees half a file. */
export class FilesystemFileStorage implements FileStorage {
  constructor(private readonly dir: string) {}

  private pathOf(id: string): string {
    // Ids are UUIDs we generate; anything else must never become a path.
    if (!isUuid(id)) throw new Error(`not a file id: ${id}`);
    return path.join(this.dir, id.slice(0, 2), id);
  }

  async put(id: string, bytes: Buffer, _meta?: StoredFileMeta): Promise<void> {
    const target = this.pathOf(id);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.partial`;
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, target);
  }

  async get(id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }
}

/** The storage FILE_STORAGE names; the PostgreSQL one works in `em`'s transaction. */
export function fileStorageFor(em: EntityManager, env: UploadEnv = uploadSettings()): FileStorage {
  return env.FILE_STORAGE === 'filesystem' ? new FilesystemFileStorage(path.resolve(env.FILE_STORAGE_DIR!)) : new PostgresFileStorage(em);
}
