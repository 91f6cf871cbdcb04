import { Readable } from 'node:stream';
import {
  ErrorCode,
  msg,
  FILE_LINK_INVALID,
  FILE_LINK_PURPOSE,
  HttpRefusal,
  INTERNAL_ERROR_MESSAGE,
  MAX_UPLOADS_IN_FLIGHT,
  internalHttpHeaders,
  readRawBody,
  refuseUpload,
  requestIdOf,
  sendError,
  serviceFetch,
  UPLOAD_LIMITS,
  UPLOAD_LINK_INVALID,
  UPLOAD_LINK_PURPOSE,
  uploadKinds,
  verifyLinkToken,
  type InternalKeys,
  type Logger,
  type ServiceUrls,
  type UploadKind,
} from '@econtract/server-kit';
import type { Express, Request, Response } from 'express';

const BUSY = msg(
  'Too many files are being uploaded right now. Try again in a few seconds.',
  '지금은 업로드가 많아 처리할 수 없습니다. 잠시 후 다시 시도해 주세요.',
);

/** Headers of documents' answer a client may see. */
const RELAYED = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options'];

/**
 * Files through signed links (#10): `PUT /uploads/:fileId` takes the raw bytes of a file prepared
 * with `prepareUpload` (at most the kind's limit, read as a stream and cut off there), and
 * `GET /files/:fileId` downloads a stored file. The link is checked here first, so a bad one costs
 * documents nothing; documents, which owns the files, checks it again and decides.
 */
export function mountFiles(app: Express, subgraphUrls: () => ServiceUrls, secret: string, keys: InternalKeys, log: Logger): void {
  const documents = (path: string, req: Request) => new URL(`${path}?token=${encodeURIComponent(String(req.query.token))}`, subgraphUrls().documents).href;
  const headers = async (req: Request, res: Response) => ({
    ...(await internalHttpHeaders(keys, requestIdOf(res))),
    ...(req.headers['accept-language'] ? { 'accept-language': req.headers['accept-language'] } : {}),
  });

  let inFlight = 0;
  app.put('/uploads/:fileId', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const claims = await verifyLinkToken(secret, UPLOAD_LINK_PURPOSE, req.params.fileId, token);
    const kind = claims?.kind as UploadKind | undefined;
    if (!kind || !uploadKinds.includes(kind)) return refuseUpload(req, res, new HttpRefusal(401, ErrorCode.UNAUTHENTICATED, UPLOAD_LINK_INVALID));
    if (inFlight >= MAX_UPLOADS_IN_FLIGHT) return refuseUpload(req, res, new HttpRefusal(503, ErrorCode.SERVICE_UNAVAILABLE, BUSY, { 'retry-after': '5' }));
    inFlight++;
    try {
      const bytes = await readRawBody(req, UPLOAD_LIMITS[kind].maxBytes);
      const answer = await serviceFetch(documents(`/files/${encodeURIComponent(req.params.fileId)}`, req), {
        method: 'PUT',
        headers: { ...(await headers(req, res)), 'content-type': 'application/octet-stream' },
        body: bytes,
        signal: AbortSignal.timeout(60_000),
      });
      res
        .status(answer.status)
        .type('application/json')
        .send(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      if (error instanceof HttpRefusal) return refuseUpload(req, res, error);
      log.error({ err: error, requestId: requestIdOf(res) }, 'upload relay failed');
      refuseUpload(req, res, new HttpRefusal(500, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE));
    } finally {
      inFlight--;
    }
  });

  app.get('/files/:fileId', async (req, res) => {
    res.setHeader('cache-control', 'private, no-store');
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (!(await verifyLinkToken(secret, FILE_LINK_PURPOSE, req.params.fileId, token)))
      return void sendError(req, res, 401, ErrorCode.UNAUTHENTICATED, FILE_LINK_INVALID);
    try {
      const answer = await serviceFetch(documents(`/files/${encodeURIComponent(req.params.fileId)}`, req), {
        headers: await headers(req, res),
        signal: AbortSignal.timeout(60_000),
      });
      res.status(answer.status);
      for (const name of RELAYED) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (!answer.body) return void res.end();
      Readable.fromWeb(answer.body as Parameters<typeof Readable.fromWeb>[0]).pipe(res);
    } catch (error) {
      log.error({ err: error, requestId: requestIdOf(res) }, 'download relay failed');
      if (!res.headersSent) sendError(req, res, 500, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE);
    }
  });
}
