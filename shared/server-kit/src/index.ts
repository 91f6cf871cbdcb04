// The server kit's public surface: what the services, the gateway and the test kit use. Anything else stays inside.
export { signAccessToken, verifyAccessToken } from './access-token.ts';
export type { SubgraphContext } from './context.ts';
export { createOrm, type EntityManager, migrate, MikroORM } from './database.ts';
export { type CommonEnv, commonEnvSchema, ConfigError, loadCommonEnv, parseEnv } from './env.ts';
export {
  AppError,
  badUserInput,
  InternalCallError,
  conflict,
  ErrorCode,
  errorBody,
  forbidden,
  formatError,
  INTERNAL_ERROR_MESSAGE,
  KOREAN_MESSAGE_EXTENSION,
  localizeErrors,
  type Message,
  msg,
  notFound,
  prefersKorean,
  unauthenticated,
} from './errors.ts';
export {
  bearerToken,
  createHttpApp,
  graphqlRequest,
  HttpRefusal,
  jsonBody,
  listen,
  type Listening,
  logRequests,
  requestIdOf,
  sendError,
  serveJsonErrors,
} from './http.ts';
export { type InternalClient, internalClient } from './internal-call.ts';
export {
  IDEMPOTENCY_KEY_HEADER,
  internalProcedure,
  internalRouter,
  mountInternalRoutes,
  type RouteInputs,
  type RouteOutputs,
  type ServedBy,
  type ServedRoutes,
  type ServiceOf,
} from './internal-routes.ts';
export { type ClientInfo, INTERNAL_TOKEN_HEADER, type InternalClaims, internalClaimsOf, signInternalToken, verifyInternalToken } from './internal-token.ts';
export { generateInternalKeyEnv, type InternalCaller, internalKeyEnvFile, type InternalKeys, internalKeysFor, signingKeysVariable } from './internal-keys.ts';
export { createServiceFetch, KEEP_ALIVE, type KeepAliveTimings, serviceFetch } from './keep-alive.ts';
export { createLogger, type Logger, REQUEST_ID_HEADER } from './logger.ts';
export { createOutboxTableSql, ERASED_BODY, openOutboxBody, outboxDeliverySql, OutboxNotifier, outboxSealingSql } from './notifications.ts';
export { allow, and, isAuthenticated, isCompanyMember, isOperatorRule, not, or, type PermissionRules, rule } from './rules.ts';
export { prepareDatabase, type RunningSubgraph, runSubgraph, startSubgraph, type SubgraphDefinition, subgraphSdl } from './subgraph.ts';
export {
  AccountRole,
  type AccountStanding,
  accountStandingSchema,
  ALL_PERMISSIONS,
  companyOf,
  Grade,
  isOperator,
  type MemberStanding,
  memberStandingSchema,
  NO_PERMISSIONS,
  PERMISSION_FLAGS,
  type PermissionFlag,
  permissionFlags,
  type Permissions,
  permissionsOf,
  type Viewer,
} from './viewer.ts';
export { groupLoader, rowLoader } from './loaders.ts';
export { runService, subgraphProcessEnv, subgraphProcessEnvSchema } from './process.ts';
export type { OutboxRoutes } from './outbox.routes.ts';
export { ServiceClient } from './service-client.ts';
export { localServiceUrl, type ServiceName, serviceNames, services, type ServiceUrls, serviceUrlsFrom } from './services.ts';
export { businessNumberCheckDigit, businessNumberCheckDigitValid, businessNumberPartsPossible, normalizeBusinessNumber } from './business-number.ts';
export { RECEIPT_LINK_PURPOSE, RECEIPT_LINK_TTL_SECONDS, signLinkToken, verifyLinkToken } from './signed-link.ts';
export { isUuid } from './ids.ts';
export { estimatedSecretBits, productionSecretProblem, PUBLISHED_SECRETS, secretWeakness } from './secrets.ts';
export { type Connection, connectionType, encodeCursor, keysetConnection, type Page, PageInfo, pageOf } from './paging.ts';
export { type RateLimit, rateLimited, RateLimiter, type RateLimitHit, rateLimitTableSql } from './rate-limit.ts';
export { sealingKey } from './sealed-text.ts';
export { foldCase, normalizeText } from './input.ts';
export {
  attachmentDisposition,
  FILE_LINK_INVALID,
  FILE_LINK_PURPOSE,
  FILE_LINK_TTL_SECONDS,
  fileTooLarge,
  type HttpApp,
  type HttpRequest,
  type HttpResponse,
  internalHttpHeaders,
  MAX_PDF_PAGES,
  MAX_UPLOADS_IN_FLIGHT,
  readRawBody,
  refuseUpload,
  UPLOAD_LIMITS,
  UPLOAD_LINK_INVALID,
  UPLOAD_LINK_PURPOSE,
  UPLOAD_LINK_TTL_SECONDS,
  UploadKind,
  type UploadLimits,
  uploadKinds,
} from './file-transfer.ts';
