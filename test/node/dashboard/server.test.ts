import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from 'node:http';
import { connect } from 'node:net';
import { isTraversal, startDashboardServer } from '../../../src/node/dashboard/server.js';
import type { DashboardServer } from '../../../src/node/dashboard/server.js';
import { readSse } from './sseClient.js';

/** GET a raw path (sent as is: no client-side normalization of `..` or %2e), with the status and body. */
const getRaw = (server: DashboardServer, rawPath: string, method = 'GET'): Promise<{ status: number; body: string; type: string }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });

const withServer = async (run: (server: DashboardServer) => Promise<void>, options: { maxBufferedBytes?: number } = {}): Promise<void> => {
  const server = await startDashboardServer({ mode: 'live', title: 'test <run>', port: 0, ...options });
  try {
    await run(server);
  } finally {
    await server.close();
  }
};

test('serves the page, its scripts and uPlot; listens on 127.0.0.1 by default', () =>
  withServer(async (server) => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await getRaw(server, '/');
    assert.is(page.status, 200);
    assert.match(page.body, /test &#60;run&#62;/, 'the title is escaped');
    assert.match(page.body, /\/static\/main\.js/);
    const script = await getRaw(server, '/static/main.js');
    assert.is(script.status, 200, 'dist/dashboard/page/main.js is built (npm run build)');
    assert.match(script.type, /javascript/);
    assert.is((await getRaw(server, '/vendor/uPlot.iife.min.js')).status, 200);
    assert.is((await getRaw(server, '/vendor/uPlot.min.css')).status, 200);
    assert.is((await getRaw(server, '/', 'POST')).status, 405);
  }));

test('a path with .. or an encoded traversal, or any file outside the page folder, is 404', () =>
  withServer(async (server) => {
    const attempts = [
      '/../package.json',
      '/static/../../package.json',
      '/static/..%2f..%2fpackage.json',
      '/static/%2e%2e/%2e%2e/package.json',
      '/static/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/static/%252e%252e/package.json',
      '/static/..\\..\\package.json',
      '/static/%5c..%5cpackage.json',
      '/vendor/../../package.json',
      '/vendor/%2e%2e/package.json',
      '/vendor/uPlot.d.ts',
      '/vendor/package.json',
      '/static/',
      '/static/missing.js',
      '/static/main.ts',
      '/static/sub/main.js',
      '/package.json',
      '/src/cli/main.ts',
      '/dist/cli/main.js',
      '/etc/passwd',
      '/static/....//....//package.json',
    ];
    for (const path of attempts) {
      const res = await getRaw(server, path);
      assert.is(res.status, 404, `${path} → ${res.status}`);
      assert.not.match(res.body, /"name": "trpo-streams"|root:/, path);
    }
    assert.ok(isTraversal('/static/%2e%2e/x') && isTraversal('/a/../b') && isTraversal('/a%2Fb') && !isTraversal('/static/main.js'));
  }));

test('the stream sends hello, then the history, then the live tail; Last-Event-ID resumes with no gap and no duplicate', () =>
  withServer(async (server) => {
    for (let i = 1; i <= 5; i++) server.publish('iteration', { iteration: i });
    server.setLatest('play', { frame: 1 });
    const url = `${server.url}events`;
    const first = readSse(url);
    await first.until((e) => e.some((x) => x.event === 'play'));
    assert.is(first.events[0].event, 'hello');
    assert.equal(first.events.filter((e) => e.id !== undefined).map((e) => e.id), [1, 2, 3, 4, 5]);
    for (let i = 6; i <= 8; i++) server.publish('iteration', { iteration: i });
    await first.until((e) => e.some((x) => x.id === 8));
    first.close();
    await first.ended;
    // published while nobody is connected
    for (let i = 9; i <= 12; i++) server.publish('iteration', { iteration: i });
    const again = readSse(url, 8);
    await again.until((e) => e.some((x) => x.id === 12));
    const ids = again.events.filter((e) => e.id !== undefined).map((e) => e.id);
    assert.equal(ids, [9, 10, 11, 12], 'exactly the events after Last-Event-ID');
    assert.equal(JSON.parse(again.events[0].data).resumedFrom, 8);
    assert.equal(server.clients().map((c) => c.resumedFrom), [8]);
    again.close();
    // an id the server never gave (another server's) starts over
    const foreign = readSse(url, 999);
    await foreign.until((e) => e.some((x) => x.id === 12));
    assert.is(foreign.events.filter((e) => e.id !== undefined)[0].id, 1);
    foreign.close();
  }));

test('dropClients ends every stream; the client resumes where it was', () =>
  withServer(async (server) => {
    server.publish('iteration', { iteration: 1 });
    const reader = readSse(`${server.url}events`);
    await reader.until((e) => e.some((x) => x.id === 1));
    server.dropClients();
    await reader.ended;
    server.publish('iteration', { iteration: 2 });
    const resumed = readSse(`${server.url}events`, 1);
    await resumed.until((e) => e.some((x) => x.id === 2));
    assert.equal(resumed.events.filter((e) => e.id !== undefined).map((e) => e.id), [2]);
    resumed.close();
  }));

test('a client that never reads holds at most the backlog cap; it catches up once it reads, with nothing lost', () =>
  withServer(
    async (server) => {
      const socket = connect(server.port, '127.0.0.1');
      const ids: number[] = [];
      let rest = '';
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n');
      socket.pause(); // never reads: the kernel buffers fill, then the server's socket would
      while (server.clients().length === 0) await new Promise((r) => setTimeout(r, 5));
      const payload = 'x'.repeat(10_000);
      const events = 2000; // 20 MB: far beyond the kernel's socket buffers
      for (let i = 1; i <= events; i++) {
        server.publish('iteration', { iteration: i, payload });
        if (i % 200 === 0) await new Promise((r) => setImmediate(r)); // let the socket move what it can
      }
      const [client] = server.clients();
      const eventBytes = 10_100;
      assert.ok(client.maxBuffered <= server.maxBufferedBytes + eventBytes, `buffered at most ${client.maxBuffered} bytes (cap ${server.maxBufferedBytes})`);
      assert.ok(client.cursor < events, `the stalled client was not written everything (cursor ${client.cursor})`);
      // now it reads: every event arrives, in order
      socket.setEncoding('utf8');
      const done = new Promise<void>((resolve) =>
        socket.on('data', (chunk: string) => {
          const text = rest + chunk;
          const lines = text.split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) if (line.startsWith('id: ')) ids.push(Number(line.slice(4)));
          if (ids[ids.length - 1] === events) resolve();
        }),
      );
      socket.resume();
      await done;
      socket.destroy();
      assert.is(ids.length, events);
      assert.ok(ids.every((id, i) => id === i + 1), 'ids 1 … n in order');
    },
    { maxBufferedBytes: 64 * 1024 },
  ));

test('a client stalled longer than stallTimeoutMs is closed (it may reconnect with Last-Event-ID)', async () => {
  const server = await startDashboardServer({ mode: 'live', title: 'stall', port: 0, keepAliveMs: 20, stallTimeoutMs: 100 });
  const socket = connect(server.port, '127.0.0.1');
  try {
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    socket.pause();
    while (server.clients().length === 0) await new Promise((r) => setTimeout(r, 5));
    const payload = 'x'.repeat(10_000);
    for (let i = 1; i <= 2000; i++) server.publish('iteration', { i, payload });
    for (let waited = 0; server.clients().length > 0 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    assert.is(server.clients().length, 0, 'the stalled client was closed');
  } finally {
    socket.destroy();
    await server.close();
  }
});

test('50 clients at once each get every event in order (half of them resuming)', () =>
  withServer(async (server) => {
    for (let i = 1; i <= 10; i++) server.publish('iteration', { iteration: i });
    const readers = Array.from({ length: 50 }, (_, k) => readSse(`${server.url}events`, k % 2 === 0 ? undefined : 5));
    await Promise.all(readers.map((r) => r.until((e) => e.some((x) => x.event === 'hello'))));
    assert.is(server.clients().length, 50);
    for (let i = 11; i <= 30; i++) server.publish('episode', { i }, { droppable: true });
    await Promise.all(readers.map((r) => r.until((e) => e.some((x) => x.id === 30))));
    readers.forEach((r, k) => {
      const ids = r.events.filter((e) => e.id !== undefined).map((e) => e.id);
      const from = k % 2 === 0 ? 1 : 6;
      assert.equal(ids, Array.from({ length: 31 - from }, (_, i) => from + i), `client ${k}`);
    });
    readers.forEach((r) => r.close());
  }));

test('a taken port is an error from startDashboardServer', () =>
  withServer(async (server) => {
    try {
      await startDashboardServer({ mode: 'live', title: 'x', port: server.port });
      assert.unreachable('listening twice on one port');
    } catch (error) {
      assert.is((error as NodeJS.ErrnoException).code, 'EADDRINUSE');
    }
  }));

test.run();
