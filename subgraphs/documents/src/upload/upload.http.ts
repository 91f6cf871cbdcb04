import {
  AppError,
  attachmentDisposition,
  ErrorCode,
  errorBody,
  FILE_LINK_INVALID,
  HttpRefusal,
  INTERNAL_ERROR_MESSAGE,
  internalClaimsOf,
  isUuid,
  msg,
  readRawBody,
  refuseUpload,
  requestIdOf,
  sendError,
  UPLOAD_LIMITS,
  UPLOAD_LINK_INVALID,
  type HttpApp,
  type HttpRequest,
  type HttpResponse,
  type InternalClaims,
  type InternalKeys,
  type Logger,
  type SubgraphContext,
} from '@econtract/server-kit';
import { fileStorageFor } from './file-storage.ts';
import { StoredFile } from './stored-file.entity.ts';
import { uploadSettings } from './upload.env.ts';
import { downloadNameOf, receiveUpload, uploadGrantOf } from './upload.service.ts';

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.FILE_REJECTED]: 422,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
};

/** An AppError as coded JSON in the client's language, with its `reason` when it has one. */
function sendAppError(req: HttpRequest, res: HttpResponse, error: AppError): void {
  const body = errorBody(error.code, error.localized, req.headers['accept-language']);
  const reason = error.extensions.reason;
  if (typeof reason === 'string') Object.assign(body.errors[0]!.extensions, { reason });
  res.status(STATUS_OF[error.code] ?? 400).json(body);
}

/**
 * documents' file endpoints, behind the internal token (only the gateway reaches them): the gateway's
 * `PUT /uploads/:fileId` and `GET /files/:fileId` hand over here with the client's signed link, which
 * this service verifies again as the files' owner.
 */
export function mountFileRoutes(
  app: HttpApp,
  { createContext, log, keys }: { createContext(claims?: Partial<InternalClaims>): SubgraphContext<any>; log: Logger; keys: InternalKeys },
): void {
  // Parsed at start-up, so a bad FILE_STORAGE setting stops the service instead of failing an upload.
  uploadSettings();
  const open = async (req: HttpRequest, res: HttpResponse) => createContext((await internalClaimsOf(keys, req, res)) ?? {});

  app.put('/files/:fileId', async (req, res) => {
    const ctx = await open(req, res);
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const grant = await uploadGrantOf(ctx.env.INTERNAL_TOKEN_SECRET, req.params.fileId, token);
    if (!grant) return refuseUpload(req, res, new HttpRefusal(401, ErrorCode.UNAUTHENTICATED, UPLOAD_LINK_INVALID));
    try {
      const bytes = await readRawBody(req, UPLOAD_LIMITS[grant.kind].maxBytes);
      const file = await receiveUpload(ctx.em, grant, bytes);
      res
        .status(201)
        .json({ fileId: file.id, kind: file.kind, contentType: file.contentType, byteSize: file.byteSize, sha256: file.sha256, pageCount: file.pageCount });
    } catch (error) {
      if (error instanceof HttpRefusal) return refuseUpload(req, res, error);
      if (error instanceof AppError) return sendAppError(req, res, error);
      log.error({ err: error, requestId: requestIdOf(res) }, 'upload failed');
      refuseUpload(req, res, new HttpRefusal(500, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE));
    }
  });

  app.get('/files/:fileId', async (req, res) => {
    res.setHeader('cache-control', 'private, no-store');
    const ctx = await open(req, res);
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const name = await downloadNameOf(ctx.env.INTERNAL_TOKEN_SECRET, req.params.fileId, token);
    if (!name) return void sendError(req, res, 401, ErrorCode.UNAUTHENTICATED, FILE_LINK_INVALID);
    try {
      const file = isUuid(req.params.fileId) ? await ctx.em.findOne(StoredFile, { id: req.params.fileId }) : null;
      const bytes = file && (await fileStorageFor(ctx.em).get(file.id));
      if (!file || !bytes) return void sendError(req, res, 404, ErrorCode.NOT_FOUND, msg('This file no longer exists.', '파일이 더 이상 존재하지 않습니다.'));
      res.setHeader('content-type', file.contentType);
      res.setHeader('content-disposition', attachmentDisposition(name));
      res.setHeader('x-content-type-options', 'nosniff');
      res.send(bytes);
    } catch (error) {
      log.error({ err: error, requestId: requestIdOf(res) }, 'download failed');
      sendError(req, res, 500, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE);
    }
  });
}
