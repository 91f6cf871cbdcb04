import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express, { type Express, type Request } from 'express';
import type { Logger } from './logger.ts';
import { normalizeRequestId, REQUEST_ID_HEADER } from './logger.ts';

export interface Listening {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** An Express app that tags each request with an id (the caller's if it sent a sane one). */
export function createHttpApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const requestId = normalizeRequestId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  });
  return app;
}

export const requestIdOf = (res: { locals: Record<string, unknown> }): string => String(res.locals.requestId);

export const bearerToken = (req: Request): string | undefined => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined;
};

/** Port 0 picks a free port (tests); the URL is what callers should use. */
export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        server,
        port: address.port,
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

export function logRequests(log: Logger) {
  return (req: Request, res: express.Response, next: express.NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug({ requestId: requestIdOf(res), method: req.method, path: req.originalUrl, status: res.statusCode, ms }, 'request');
    });
    next();
  };
}
