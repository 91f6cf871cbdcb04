import { createHash, randomUUID } from 'node:crypto';
import {
  badUserInput,
  companyOf,
  conflict,
  FILE_LINK_PURPOSE,
  FILE_LINK_TTL_SECONDS,
  isUuid,
  msg,
  notFound,
  signLinkToken,
  UPLOAD_LIMITS,
  UPLOAD_LINK_PURPOSE,
  UPLOAD_LINK_TTL_SECONDS,
  uploadKinds,
  verifyLinkToken,
  type EntityManager,
  type Logger,
  type SubgraphContext,
  type UploadKind,
} from '@econtract/server-kit';
import { fileStorageFor } from './file-storage.ts';
import { inspectUpload } from './upload.check.ts';
import { StoredFile } from './stored-file.entity.ts';

/**
 * Uploads (#10): `prepareUpload` signs a link, the gateway's `PUT /uploads/:fileId` brings the bytes
 * to `receiveUpload`, and the contract, template or seal that uses the file takes it with
 * `claimUpload` in its own transaction. Unclaimed files are swept after a day.
 */

/** What the upload functions need from a resolver's context; pass `{ ...ctx, em: tx }` to work inside a transaction. */
export type UploadCaller = Pick<SubgraphContext, 'em' | 'viewer' | 'env'>;

/** An uploaded file as callers see it (never its bytes: `readUpload`). */
export interface UploadedFile {
  id: string;
  companyId: string;
  kind: UploadKind;
  /** Decided from the bytes: `application/pdf`, `image/png` or `image/jpeg`. */
  contentType: string;
  byteSize: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** Pages of a PDF; null for images. */
  pageCount: number | null;
  uploadedBy: string;
  createdAt: Date;
  claimedAt: Date | null;
}

/** The answer to `prepareUpload`: where and how to send the file. */
export interface PreparedUploadLink {
  fileId: string;
  uploadUrl: string;
  method: 'PUT';
  maxBytes: number;
  expiresAt: Date;
  contentTypes: string[];
}

/** What a valid upload link grants: one file id, of one kind, for one company and uploader. */
export interface UploadGrant {
  fileId: string;
  kind: UploadKind;
  companyId: string;
  uploadedBy: string;
}

/** Unclaimed uploads older than this are swept. */
export const UNCLAIMED_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

const uploadNotFound = () =>
  notFound(
    msg(
      'No uploaded file with this id for your company. Upload it first with the link from prepareUpload.',
      '회사에 해당 업로드 파일이 없습니다. prepareUpload로 받은 링크로 먼저 파일을 올려 주세요.',
    ),
  );

const alreadyUploaded = () =>
  conflict(
    msg(
      'A file was already uploaded with this link. Ask for a new link with prepareUpload.',
      '이 링크로 이미 파일을 올렸습니다. prepareUpload로 새 링크를 받아 주세요.',
    ),
  );

/** A fresh file id and a signed upload link on the gateway, for the viewer's company. */
export async function prepareUpload(ctx: UploadCaller, kind: UploadKind): Promise<PreparedUploadLink> {
  const companyId = companyOf(ctx.viewer);
  if (!ctx.viewer || !companyId) throw uploadNotFound();
  const fileId = randomUUID();
  const expiresAt = new Date(Date.now() + UPLOAD_LINK_TTL_SECONDS * 1000);
  const token = await signLinkToken(
    ctx.env.INTERNAL_TOKEN_SECRET,
    UPLOAD_LINK_PURPOSE,
    fileId,
    { kind, cid: companyId, uid: ctx.viewer.userId },
    UPLOAD_LINK_TTL_SECONDS,
  );
  const { maxBytes, contentTypes } = UPLOAD_LIMITS[kind];
  return {
    fileId,
    uploadUrl: new URL(`/uploads/${fileId}?token=${token}`, ctx.env.PUBLIC_API_URL).toString(),
    method: 'PUT',
    maxBytes,
    expiresAt,
    contentTypes: [...contentTypes],
  };
}

/** The grant a signed upload link carries, or null for a forged, expired or other file's link. */
export async function uploadGrantOf(secret: string, fileId: string, token: string | undefined): Promise<UploadGrant | null> {
  const claims = await verifyLinkToken(secret, UPLOAD_LINK_PURPOSE, fileId, token);
  if (!claims || !uploadKinds.includes(claims.kind as UploadKind) || !isUuid(claims.cid) || !isUuid(claims.uid)) return null;
  return { fileId, kind: claims.kind as UploadKind, companyId: claims.cid, uploadedBy: claims.uid };
}

type StoredFileRow = {
  id: string;
  company_id: string;
  kind: UploadKind;
  content_type: string;
  byte_size: number;
  sha256: string;
  page_count: number | null;
  uploaded_by: string;
  created_at: Date;
  claimed_at: Date | null;
};
const RETURNED = `"id", "company_id", "kind", "content_type", "byte_size", "sha256", "page_count", "uploaded_by", "created_at", "claimed_at"`;

const uploadedFileOf = (row: StoredFileRow): UploadedFile => ({
  id: row.id,
  companyId: row.company_id,
  kind: row.kind,
  contentType: row.content_type,
  byteSize: row.byte_size,
  sha256: row.sha256,
  pageCount: row.page_count,
  uploadedBy: row.uploaded_by,
  createdAt: new Date(row.created_at),
  claimedAt: row.claimed_at ? new Date(row.claimed_at) : null,
});

/**
 * Checks the bytes and stores them under the grant's file id: FILE_REJECTED for bytes the kind does
 * not accept, CONFLICT when the id already holds an upload (one upload per prepared id).
 */
export async function receiveUpload(em: EntityManager, grant: UploadGrant, bytes: Buffer): Promise<UploadedFile> {
  // Cheap first answer to a repeated PUT; the primary key below still decides a race.
  if (await em.count(StoredFile, { id: grant.fileId })) throw alreadyUploaded();
  const inspected = await inspectUpload(grant.kind, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return em.transactional(async (tx) => {
    // The primary key decides between two uploads racing for one id.
    const rows = await tx.execute<StoredFileRow[]>(
      `insert into "documents"."stored_file" ("id", "company_id", "kind", "content_type", "byte_size", "sha256", "page_count", "uploaded_by")
       values (?, ?, ?, ?, ?, ?, ?, ?) on conflict ("id") do nothing returning ${RETURNED}`,
      [grant.fileId, grant.companyId, grant.kind, inspected.contentType, bytes.length, sha256, inspected.pageCount, grant.uploadedBy],
    );
    const [row] = rows;
    if (!row) throw alreadyUploaded();
    await fileStorageFor(tx).put(grant.fileId, bytes, { companyId: grant.companyId, contentType: inspected.contentType, sha256 });
    return uploadedFileOf(row);
  });
}

/**
 * Takes an uploaded file for the caller's record (contract, template, seal): it must belong to the
 * viewer's company, be uploaded, be of `kind` and not be claimed yet. Marks it claimed with `ctx.em`,
 * so inside the caller's transaction (`{ ...ctx, em: tx }`) a rollback releases it again.
 * NOT_FOUND (no such upload for the company), CONFLICT (already claimed), BAD_USER_INPUT (other kind).
 */
export async function claimUpload(ctx: UploadCaller, fileId: string, kind: UploadKind): Promise<UploadedFile> {
  const companyId = companyOf(ctx.viewer);
  if (!companyId || !isUuid(fileId)) throw uploadNotFound();
  // One conditional update: two records claiming one file cannot both win.
  const [claimed] = await ctx.em.execute<StoredFileRow[]>(
    `update "documents"."stored_file" set "claimed_at" = now()
     where "id" = ? and "company_id" = ? and "kind" = ? and "claimed_at" is null returning ${RETURNED}`,
    [fileId, companyId, kind],
  );
  if (claimed) return uploadedFileOf(claimed);
  const [existing] = await ctx.em.execute<StoredFileRow[]>(`select ${RETURNED} from "documents"."stored_file" where "id" = ? and "company_id" = ?`, [
    fileId,
    companyId,
  ]);
  if (!existing) throw uploadNotFound();
  if (existing.kind !== kind) {
    throw badUserInput(
      msg(
        `This file was uploaded as ${existing.kind}, not ${kind}. Prepare an upload of the right kind.`,
        `이 파일은 ${existing.kind} 용도로 올린 파일이라 ${kind}에 쓸 수 없습니다. 맞는 종류로 다시 올려 주세요.`,
      ),
      { reason: 'WRONG_KIND' },
    );
  }
  throw conflict(
    msg(
      'This uploaded file is already used by another record. Upload the file again.',
      '이 업로드 파일은 이미 다른 곳에 사용되었습니다. 파일을 다시 올려 주세요.',
    ),
  );
}

/**
 * The bytes of a stored file. An unclaimed upload is readable only by its own company; a claimed one
 * belongs to the record that claimed it, whose own visibility rule the caller has already applied.
 */
export async function readUpload(ctx: UploadCaller, fileId: string): Promise<Buffer> {
  const file = isUuid(fileId) ? await ctx.em.findOne(StoredFile, { id: fileId }) : null;
  if (!file || (!file.claimedAt && file.companyId !== companyOf(ctx.viewer))) throw uploadNotFound();
  const bytes = await fileStorageFor(ctx.em).get(fileId);
  if (!bytes) throw uploadNotFound();
  return bytes;
}

/**
 * A short-lived signed GET link on the gateway (`/files/:fileId?token=…`) that downloads the file as
 * `fileName` (an attachment, never cached). Who may see the file is the caller's decision: sign a link
 * only for a viewer allowed to see the record that holds it.
 */
export async function fileDownloadLink(
  ctx: Pick<SubgraphContext, 'env'>,
  fileId: string,
  fileName: string,
  ttlSeconds: number = FILE_LINK_TTL_SECONDS,
): Promise<string> {
  const token = await signLinkToken(ctx.env.INTERNAL_TOKEN_SECRET, FILE_LINK_PURPOSE, fileId, { name: fileName }, ttlSeconds);
  return new URL(`/files/${fileId}?token=${token}`, ctx.env.PUBLIC_API_URL).toString();
}

/** The file name a valid download link names, or null for a forged, expired or other file's link. */
export async function downloadNameOf(secret: string, fileId: string, token: string | undefined): Promise<string | null> {
  const claims = await verifyLinkToken(secret, FILE_LINK_PURPOSE, fileId, token);
  return claims && typeof claims.name === 'string' ? claims.name : null;
}

/** Deletes up to `limit` unclaimed uploads made before `before`, record and bytes; returns how many. */
export async function sweepUnclaimedUploads(em: EntityManager, before: Date = new Date(Date.now() - UNCLAIMED_UPLOAD_TTL_MS), limit = 200): Promise<number> {
  return em.transactional(async (tx) => {
    // skip locked: a claim in progress keeps its file, and two sweepers never wait on each other.
    const rows = await tx.execute<Array<{ id: string }>>(
      `select "id" from "documents"."stored_file" where "claimed_at" is null and "created_at" < ? order by "created_at" limit ? for update skip locked`,
      [before, limit],
    );
    if (!rows.length) return 0;
    const storage = fileStorageFor(tx);
    for (const { id } of rows) await storage.delete(id);
    await tx.execute(
      `delete from "documents"."stored_file" where "id" in (${rows.map(() => '?').join(', ')})`,
      rows.map(({ id }) => id),
    );
    return rows.length;
  });
}

/** documents' background sweeper: every hour, unclaimed uploads older than a day go. */
export function startUploadSweeper({ createContext, log }: { createContext: () => { em: EntityManager }; log: Logger }): () => void {
  const sweep = () =>
    sweepUnclaimedUploads(createContext().em).then(
      (swept) => swept && log.info({ swept }, 'unclaimed uploads swept'),
      (error: unknown) => log.error({ err: error }, 'upload sweep failed'),
    );
  const first = setTimeout(sweep, 60_000).unref();
  const every = setInterval(sweep, 60 * 60 * 1000).unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
