import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentDisposition, readRawBody, refuseUpload } from '../src/file-transfer.ts';
import { createHttpApp, type HttpRefusal, listen, type Listening } from '../src/http.ts';

const LIMIT = 64 * 1024;
let server: Listening;
beforeAll(async () => {
  const app = createHttpApp();
  app.put('/upload', async (req, res) => {
    try {
      const bytes = await readRawBody(req, LIMIT);
      res.json({ size: bytes.length });
    } catch (error) {
      refuseUpload(req, res, error as HttpRefusal);
    }
  });
  server = await listen(http.createServer(app), 0);
});
afterAll(() => server.close());

interface Outcome {
  status: number | null;
  body: string;
  written: number;
  /** The server cut the connection before the client had sent everything. */
  closedEarly: boolean;
}

/**
 * A client on a bare socket that keeps sending `total` bytes (declared or chunked) whatever the server
 * answers meanwhile, so what is measured is the server's handling of the connection.
 */
function send(total: number, declare: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { status: null, body: '', written: 0, closedEarly: false };
    let received = '';
    const socket = net.connect(server.port, '127.0.0.1');
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => (received += text));
    socket.on('error', () => (outcome.closedEarly = true));
    socket.on('close', () => {
      if (outcome.written < total) outcome.closedEarly = true;
      outcome.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1]) || null;
      outcome.body = received.slice(received.indexOf('\r\n\r\n') + 4);
      resolve(outcome);
    });
    socket.write(`PUT /upload HTTP/1.1\r\nHost: test\r\n${declare ? `Content-Length: ${total}` : 'Transfer-Encoding: chunked'}\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    const pump = () => {
      while (outcome.written < total && !socket.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - outcome.written));
        outcome.written += piece.length;
        const flowing = declare
          ? socket.write(piece)
          : socket.write(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]));
        if (!flowing) return void socket.once('drain', pump);
      }
      if (!socket.destroyed) socket.end(declare ? '' : '0\r\n\r\n');
    };
    pump();
  });
}

describe('raw uploads with a hard limit (#10)', () => {
  it('reads a body within the limit', async () => {
    const outcome = await send(LIMIT, true);
    expect(outcome).toMatchObject({ status: 200, closedEarly: false });
    expect(JSON.parse(outcome.body)).toEqual({ size: LIMIT });
  });

  it.each([
    ['declared', true],
    ['chunked', false],
  ])('answers a %s body over the limit with 413 coded JSON, and the client still reads it', async (_name, declare) => {
    // 8 MB: far more than the sockets' buffers hold, so a server that cut the connection would be caught.
    const outcome = await send(8 * 1024 * 1024, declare);
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(outcome.closedEarly).toBe(false);
  });

  it('stops draining an endless body after 16 MB and closes the connection', async () => {
    const outcome = await send(256 * 1024 * 1024, true);
    expect(outcome.status).toBe(413);
    expect(outcome.closedEarly).toBe(true);
    // 16 MB drained plus what the sockets' buffers held, far from the 256 MB offered.
    expect(outcome.written).toBeLessThan(80 * 1024 * 1024);
  });

  it('names a download in ASCII and, exactly, in UTF-8', () => {
    expect(attachmentDisposition('계약서 2026.pdf')).toBe(`attachment; filename="____2026.pdf"; filename*=UTF-8''${encodeURIComponent('계약서 2026.pdf')}`);
    expect(attachmentDisposition('a"b;c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf`);
  });
});
