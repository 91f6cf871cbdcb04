import http from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, jsonBody, listen, serveJsonErrors, type Listening } from '../src/http.ts';

// A fault whose text names a file on this machine, as a real one (a failed require, SQL) would.
const SECRET_DETAIL = `ENOENT: no such file or directory, open '${import.meta.dirname}/settings.json'`;

const logged: Array<Record<string, unknown>> = [];
const log = pino({ level: 'error' }, new Writable({ write: (line, _encoding, done) => done(void logged.push(JSON.parse(String(line)))) }));

let server: Listening;
beforeAll(async () => {
  const app = createHttpApp();
  app.get('/sync-throw', () => {
    throw new Error(SECRET_DETAIL);
  });
  app.get('/async-throw', async () => {
    await Promise.resolve();
    throw Object.assign(new Error(SECRET_DETAIL), { status: 503 });
  });
  app.post('/echo', ...jsonBody(), (req, res) => void res.json(req.body));
  serveJsonErrors(app, log);
  server = await listen(http.createServer(app), 0);
});
afterAll(() => server.close());

describe('serveJsonErrors: a fault in any middleware (issue #8)', () => {
  it.each(['/sync-throw', '/async-throw'])('%s answers 500 INTERNAL_SERVER_ERROR as JSON, logs the fault and shows none of it', async (route) => {
    logged.length = 0;
    const response = await fetch(`${server.url}${route}`, { headers: { 'accept-language': 'ko' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    const text = await response.text();
    expect(text).not.toContain(import.meta.dirname);
    expect(text).not.toMatch(/ENOENT|settings\.json|<html|\bat /);
    const body = JSON.parse(text);
    expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(body.errors[0].message).toMatch(/[가-힣]/);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: 'request failed', err: { message: SECRET_DETAIL }, path: route });
  });

  it('passes a good JSON body through', async () => {
    const response = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await response.json()).toEqual({ a: 1 });
  });
});
