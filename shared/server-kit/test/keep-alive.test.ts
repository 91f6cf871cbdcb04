import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../src/http.ts';
import { createServiceFetch, KEEP_ALIVE, type KeepAliveTimings } from '../src/keep-alive.ts';

// The production relation scaled down: clients drop idle sockets long before servers close them.
const KIT: KeepAliveTimings = { clientIdleMs: 300, serverKeepAliveMs: 3_000, serverHeadersMs: 3_100 };
// The old relation: the server closes idle sockets first (Node's 5 s default against the gateway's "never").
const OLD: KeepAliveTimings = { clientIdleMs: 1_000, serverKeepAliveMs: 100, serverHeadersMs: 60_000 };
// How late the client learns that the server closed: the FIN is still on its way (network, a busy event loop).
const FIN_DELAY_MS = 1_000;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A server started the way every service starts (`listen`), answering which connection carried the request. */
async function startServer(timings: KeepAliveTimings): Promise<number> {
  let connections = 0;
  const ids = new WeakMap<object, number>();
  const server = http.createServer((req, res) => {
    if (!ids.has(req.socket)) ids.set(req.socket, ++connections);
    // No `Keep-Alive: timeout=…` hint (an explicit Connection header stops Node sending it): the numbers alone must hold.
    res.setHeader('connection', 'keep-alive');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ connection: ids.get(req.socket) }));
  });
  // Node ≥ 24 waits a further second past keepAliveTimeout; the scaled-down numbers mean exactly what they say.
  server.keepAliveTimeoutBuffer = 0;
  const listening = await listen(server, 0, '127.0.0.1', timings);
  cleanups.push(() => listening.close());
  return listening.port;
}

/**
 * A TCP hop in front of the server that passes the server's FIN on `FIN_DELAY_MS` late. A request the
 * client writes meanwhile reaches a closed socket and is reset, as the server's kernel would do.
 */
async function startSlowFinHop(serverPort: number): Promise<string> {
  const sockets = new Set<net.Socket>();
  const hop = net.createServer((client) => {
    const upstream = net.connect(serverPort, '127.0.0.1');
    let serverClosed = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => (serverClosed ? client.resetAndDestroy() : upstream.write(chunk)));
    client.on('end', () => upstream.end());
    upstream.on('data', (chunk) => client.write(chunk));
    upstream.on('end', () => {
      serverClosed = true;
      setTimeout(() => client.destroyed || client.end(), FIN_DELAY_MS);
    });
  });
  await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => hop.close(resolve));
  });
  return `http://127.0.0.1:${(hop.address() as net.AddressInfo).port}/`;
}

function client(timings: KeepAliveTimings) {
  const fetch = createServiceFetch(timings);
  cleanups.push(() => fetch.close());
  /** Which server connection answered; a dropped request throws its socket error's code. */
  return async (url: string): Promise<number> => {
    try {
      const response = await fetch(url);
      return ((await response.json()) as { connection: number }).connection;
    } catch (error) {
      throw new Error(String((error as { cause?: { code?: string } }).cause?.code ?? error));
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keep-alive between our services (issue #8)', () => {
  it('keeps the production numbers in the safe order', () => {
    expect(KEEP_ALIVE.clientIdleMs).toBeLessThan(KEEP_ALIVE.serverKeepAliveMs);
    expect(KEEP_ALIVE.serverKeepAliveMs).toBeLessThan(KEEP_ALIVE.serverHeadersMs);
  });

  it('answers every request sent right around the idle limit, with the kit on both sides', async () => {
    const url = await startSlowFinHop(await startServer(KIT));
    const connectionOf = client(KIT);
    const reused: boolean[] = [];
    for (const idle of [
      KIT.clientIdleMs - 100,
      KIT.clientIdleMs - 20,
      KIT.clientIdleMs - 5,
      KIT.clientIdleMs,
      KIT.clientIdleMs + 5,
      KIT.clientIdleMs + 20,
      KIT.clientIdleMs + 100,
    ]) {
      const first = await connectionOf(url);
      await sleep(idle);
      const second = await connectionOf(url);
      reused.push(second === first);
    }
    // Both sides of the boundary were exercised: an idle socket was reused, and a dropped one replaced.
    expect(reused).toContain(true);
    expect(reused).toContain(false);
  });

  it('loses a request when the server closes idle sockets before the client does (the old relation)', async () => {
    const url = await startSlowFinHop(await startServer(OLD));
    const connectionOf = client(OLD);
    for (let attempt = 0; attempt < 3; attempt++) {
      await connectionOf(url);
      // The server has closed (at 100 ms); the client has not heard yet and still holds the socket (until 1 s).
      await sleep(400);
      await expect(connectionOf(url)).rejects.toThrow(/ECONNRESET|UND_ERR_SOCKET|EPIPE/);
    }
  });
});
