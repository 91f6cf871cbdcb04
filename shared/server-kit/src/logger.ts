import { pino, type Logger } from 'pino';

export type { Logger };

/** Header that carries one request's id from the client through the gateway to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

const REDACT = ['req.headers.authorization', 'req.headers["x-internal-token"]', '*.password', '*.newPassword', '*.token', '*.accessToken', '*.refreshToken'];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service } });
}

/** Accepts a caller's request id only when it is a short token, so logs cannot be forged with it. */
export function normalizeRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(value) ? value : undefined;
}
