import type { IncomingMessage } from 'node:http';
import type { Express, Request, Response } from 'express';
import type { InternalKeys } from './internal-keys.ts';
import { ErrorCode, msg } from './errors.ts';
import { HttpRefusal, sendError } from './http.ts';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from './internal-token.ts';
import { REQUEST_ID_HEADER } from './logger.ts';

/**
 * Files travel as raw HTTP bodies, never inside GraphQL JSON: `prepareUpload` signs a short-lived
 * link on the gateway, the gateway streams the body (with a hard byte limit) to documents' own
 * file endpoint behind the internal token, and downloads go the same way back.
 */

/** What a client may upload; each kind has its byte limit and the types its bytes must be. */
export const UploadKind = {
  CONTRACT_PDF: 'CONTRACT_PDF',
  TEMPLATE_PDF: 'TEMPLATE_PDF',
  SEAL_IMAGE: 'SEAL_IMAGE',
} as const;
export type UploadKind = (typeof UploadKind)[keyof typeof UploadKind];
export const uploadKinds = Object.values(UploadKind);

/** Express's types, for services that mount raw HTTP endpoints without depending on Express themselves. */
export type { Express as HttpApp, Request as HttpRequest, Response as HttpResponse };

const MB = 1024 * 1024;

export interface UploadLimits {
  maxBytes: number;
  /** Accepted types, decided by the bytes (never the file name or the declared type). */
  contentTypes: readonly string[];
}

export const UPLOAD_LIMITS: Record<UploadKind, UploadLimits> = {
  CONTRACT_PDF: { maxBytes: 10 * MB, contentTypes: ['application/pdf'] },
  TEMPLATE_PDF: { maxBytes: 10 * MB, contentTypes: ['application/pdf'] },
  SEAL_IMAGE: { maxBytes: 2 * MB, contentTypes: ['image/png', 'image/jpeg'] },
};

/** Uploads the gateway reads at once, each holding up to its kind's limit in memory (16 × 10 MB); more are told to retry. */
export const MAX_UPLOADS_IN_FLIGHT = 16;

/** The most pages an uploaded PDF may have. */
export const MAX_PDF_PAGES = 100;

/** Signed-link purposes and lifetimes (see `signed-link.ts`): documents signs, the gateway and documents verify. */
export const UPLOAD_LINK_PURPOSE = 'upload';
export const UPLOAD_LINK_TTL_SECONDS = 10 * 60;
export const FILE_LINK_PURPOSE = 'file';
export const FILE_LINK_TTL_SECONDS = 5 * 60;

/** What a forged, expired or other file's link gets (401), at the gateway and at documents alike. */
export const UPLOAD_LINK_INVALID = msg(
  'This upload link is invalid or has expired. Ask for a new one with prepareUpload.',
  '업로드 링크가 올바르지 않거나 만료되었습니다. prepareUpload로 새 링크를 받아 주세요.',
);
export const FILE_LINK_INVALID = msg(
  'This download link is invalid or has expired. Ask for a new link.',
  '다운로드 링크가 올바르지 않거나 만료되었습니다. 새 링크를 받아 주세요.',
);

const megabytes = (bytes: number) => (bytes / MB).toLocaleString('en-US', { maximumFractionDigits: 1 });

/** 413 for a body over `maxBytes`, naming the limit. */
export const fileTooLarge = (maxBytes: number) =>
  new HttpRefusal(413, ErrorCode.PAYLOAD_TOO_LARGE, msg(`The file is larger than ${megabytes(maxBytes)} MB.`, `파일이 ${megabytes(maxBytes)}MB를 넘습니다.`));

const unreadableBody = () =>
  new HttpRefusal(
    400,
    ErrorCode.BAD_REQUEST,
    msg('The upload was interrupted or cannot be read. Send the file again.', '업로드가 중단되었거나 읽을 수 없습니다. 파일을 다시 보내 주세요.'),
  );

/**
 * Reads a raw body of at most `maxBytes`: a declared length over the limit is refused before one byte
 * is read, and a longer stream stops at the limit (never more than `maxBytes` in memory).
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(fileTooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(fileTooLarge(maxBytes));
      chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = () => finish(unreadableBody());
    const onClose = () => finish(unreadableBody());
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** After a refusal, the rest of a body is read and dropped up to this much, then the connection is cut. */
const DRAIN_MAX_BYTES = 16 * MB;
const DRAIN_MAX_MS = 15_000;

/**
 * Answers a refused upload with coded JSON and lets the connection go cleanly: the unread rest of the
 * body is drained (so a client still sending reads the answer instead of a reset), but only up to
 * 16 MB or 15 s, after which the socket is closed. (A client that sent `connection: close` is closed
 * by Node right after the answer.)
 */
export function refuseUpload(req: Request, res: Response, refusal: HttpRefusal): void {
  if (!res.headersSent) {
    res.set(refusal.headers);
    sendError(req, res, refusal.status, refusal.code, refusal.text);
  }
  if (req.complete) return;
  let drained = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, DRAIN_MAX_MS).unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) cut();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/** Headers for a raw (non-tRPC) call to a sibling's internal HTTP endpoint: the same internal token. */
export async function internalHttpHeaders(keys: InternalKeys, requestId: string | undefined): Promise<Record<string, string>> {
  return {
    [INTERNAL_TOKEN_HEADER]: await signInternalToken(keys, { viewer: null, requestId }),
    ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
  };
}

/** `attachment` with an ASCII fallback name and the exact (e.g. Korean) name in RFC 5987 form. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\w.-]/g, '_') || 'file';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
