/**
 * The dashboard's HTTP server (plain node:http): the page, its static files, and the event stream
 * over Server-Sent Events. Each SSE client has a cursor into the {@link EventLog}: it is sent the
 * log's events after its cursor only while its socket's backlog is under `maxBufferedBytes`, so a
 * slow or stalled client holds at most that much (plus one event) and never makes the server
 * buffer the log for it; it catches up when its socket drains, or, stalled for a minute, is closed
 * and can reconnect with `Last-Event-ID`.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventLog, sseText } from './eventLog.js';
import { dashboardPage } from './page.js';
import type { DashboardMode } from './page.js';

/** Options of {@link startDashboardServer}. */
export interface DashboardServerOptions {
  /** What the page shows: one live run, or run directories side by side. */
  readonly mode: DashboardMode;
  /** The page's title. */
  readonly title: string;
  /** Interface to listen on (default 127.0.0.1: this machine only). */
  readonly host?: string;
  /** Port (default 0: a free one; read it from `port` of the result). */
  readonly port?: number;
  /** The log served (default: a new one with default bounds). */
  readonly log?: EventLog;
  /** Largest socket backlog of one client before the server stops writing to it until it drains (default 64 KiB, at least 16 KiB). */
  readonly maxBufferedBytes?: number;
  /** Most SSE clients at once; more get 503 (default 1000). */
  readonly maxClients?: number;
  /** Milliseconds between keep-alive comments on idle streams, and between checks for stalled clients (default 15,000). */
  readonly keepAliveMs?: number;
  /** A client whose socket has not drained for this many milliseconds is closed (default 60,000); it can reconnect with `Last-Event-ID`. */
  readonly stallTimeoutMs?: number;
}

/** What the server knows of one SSE client. */
export interface ClientInfo {
  /** Id of the last log event written to it. */
  readonly cursor: number;
  /** The `Last-Event-ID` it connected with (0 without one). */
  readonly resumedFrom: number;
  /** Bytes written to it that its socket has not sent yet. */
  readonly buffered: number;
  /** The most that ever were. */
  readonly maxBuffered: number;
}

/** A running dashboard server. */
export interface DashboardServer {
  /** `http://host:port/`. */
  readonly url: string;
  readonly port: number;
  readonly log: EventLog;
  /** The per-client backlog cap in bytes. */
  readonly maxBufferedBytes: number;
  /** Appends an event to the log and sends it to every client that can take it. */
  readonly publish: (name: string, payload: unknown, options?: { readonly droppable?: boolean }) => void;
  /** Sets the latest value of a slot (not logged: a client is sent only the newest value, e.g. the played episode). */
  readonly setLatest: (name: string, payload: unknown) => void;
  /** The SSE clients connected now. */
  readonly clients: () => readonly ClientInfo[];
  /** Ends every SSE stream (clients reconnect with `Last-Event-ID`). */
  readonly dropClients: () => void;
  /** Stops listening, ends each stream once it has sent the client everything (a client that does not read is cut after a second), and resolves once every connection is closed. */
  readonly close: () => Promise<void>;
}

interface Client {
  readonly res: ServerResponse;
  cursor: number;
  readonly resumedFrom: number;
  readonly pending: Set<string>;
  maxBuffered: number;
  waiting: boolean;
  /** When the client last had to wait for its socket to drain (ms, `performance.now`). */
  waitingSince: number;
}

/** The package's root folder (this file is `<root>/src/node/dashboard/server.ts` or `<root>/dist/node/dashboard/server.js`). */
const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The page's bundled script (scripts/bundle-page.mjs): the only folder static files are served from (with uPlot's two files). */
export const dashboardStaticRoot = path.join(packageRoot, 'dist', 'dashboard', 'static');

const vendorFiles: Readonly<Record<string, string>> = { 'uPlot.iife.min.js': 'uplot/dist/uPlot.iife.min.js', 'uPlot.min.css': 'uplot/dist/uPlot.min.css' };
const contentTypes: Readonly<Record<string, string>> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json; charset=utf-8' };

/**
 * Whether a raw request path tries to leave its folder: `..`, a backslash, or an encoded dot,
 * slash or backslash anywhere (checked before any decoding or URL normalization).
 *
 * @example isTraversal('/static/%2e%2e/package.json') // true
 */
export const isTraversal = (rawPath: string): boolean => /\.\.|\\|%2e|%2f|%5c/i.test(rawPath);

/** A static file's path for a request path, or null (→ 404). */
const staticFile = (rawPath: string): string | null => {
  if (isTraversal(rawPath)) return null;
  const vendor = /^\/vendor\/([^/]+)$/.exec(rawPath);
  if (vendor) {
    const target = vendorFiles[vendor[1]];
    return target === undefined ? null : createRequire(import.meta.url).resolve(target);
  }
  const own = /^\/static\/([A-Za-z0-9_-]+\.(?:js|css|map))$/.exec(rawPath);
  if (!own) return null;
  const file = path.resolve(dashboardStaticRoot, own[1]);
  return file.startsWith(dashboardStaticRoot + path.sep) && existsSync(file) && statSync(file).isFile() ? file : null;
};

const notFound = (res: ServerResponse): void => {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
};

/** `Last-Event-ID` (header, or `lastEventId` query for clients that cannot set headers), 0 when absent or malformed. */
const lastEventIdOf = (req: IncomingMessage, query: URLSearchParams): number => {
  const raw = req.headers['last-event-id'] ?? query.get('lastEventId') ?? '';
  const id = /^\d{1,15}$/.test(String(raw).trim()) ? Number(String(raw).trim()) : 0;
  return id;
};

/**
 * Starts the dashboard server; resolves once it listens (rejects with the listen error, e.g.
 * EADDRINUSE). Routes: `/` the page, `/static/*.js` its scripts, `/vendor/uPlot.*` the chart
 * library, `/events` the SSE stream (a `hello` event with the server's instance id, then the
 * log's events after `Last-Event-ID`, then the latest value of each slot, then the live tail).
 *
 * @example
 * const server = await startDashboardServer({ mode: 'live', title: 'CartPole-v1', port: 0 });
 * server.publish('iteration', metrics);
 * console.log(server.url);
 * await server.close();
 */
export const startDashboardServer = async (options: DashboardServerOptions): Promise<DashboardServer> => {
  const log = options.log ?? new EventLog();
  const cap = Math.max(16 * 1024, options.maxBufferedBytes ?? 64 * 1024);
  const maxClients = options.maxClients ?? 1000;
  const instance = randomUUID();
  const latest = new Map<string, string>();
  const clients = new Set<Client>();
  const page = dashboardPage({ mode: options.mode, title: options.title });
  let closing = false;

  const wait = (client: Client): void => {
    if (!client.waiting) client.waitingSince = performance.now();
    client.waiting = true;
  };

  // writes what the client can take now: log events after its cursor, then pending slots
  const pump = (client: Client): void => {
    const { res } = client;
    while (!res.destroyed && !client.waiting) {
      if (res.writableLength >= cap) {
        wait(client);
        break;
      }
      const event = log.firstAfter(client.cursor);
      let text: string | undefined;
      if (event) {
        text = event.text;
        client.cursor = event.id;
      } else {
        const slot = client.pending.values().next();
        if (slot.done) break;
        client.pending.delete(slot.value);
        text = latest.get(slot.value);
      }
      if (text !== undefined && !res.write(text)) wait(client);
      client.maxBuffered = Math.max(client.maxBuffered, res.writableLength);
    }
    // closing: a client that has everything is ended (what it holds is still sent)
    if (closing && !res.destroyed && log.firstAfter(client.cursor) === undefined && client.pending.size === 0) {
      res.end();
      clients.delete(client);
    }
  };

  const openStream = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void => {
    if (clients.size >= maxClients) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' }).end('too many dashboard clients\n');
      return;
    }
    const resumedFrom = lastEventIdOf(req, query);
    // an id this log never gave (another server's) means the client starts over
    const cursor = resumedFrom <= log.lastId ? resumedFrom : 0;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write(`retry: 1000\n${sseText('hello', { instance, mode: options.mode, title: options.title, lastId: log.lastId, resumedFrom: cursor })}`);
    const client: Client = { res, cursor, resumedFrom, pending: new Set(latest.keys()), maxBuffered: res.writableLength, waiting: false, waitingSince: 0 };
    clients.add(client);
    res.on('drain', () => {
      client.waiting = false;
      pump(client);
    });
    res.on('close', () => clients.delete(client));
    pump(client);
  };

  const server = createServer((req, res) => {
    const rawPath = (req.url ?? '/').split('?')[0];
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (rawPath === '/' || rawPath === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : page);
      return;
    }
    if (rawPath === '/events') return req.method === 'GET' ? openStream(req, res, query) : void res.writeHead(405, { Allow: 'GET' }).end();
    const file = staticFile(rawPath);
    if (file === null) return notFound(res);
    res.writeHead(200, { 'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stallTimeout = options.stallTimeoutMs ?? 60_000;
  const keepAlive = setInterval(() => {
    for (const client of clients) {
      if (client.waiting && performance.now() - client.waitingSince > stallTimeout) {
        client.res.destroy();
        clients.delete(client);
      } else if (!client.waiting && client.res.writableLength < cap) client.res.write(': keep-alive\n\n');
    }
  }, options.keepAliveMs ?? 15_000);
  keepAlive.unref();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    log,
    maxBufferedBytes: cap,
    publish: (name, payload, publishOptions) => {
      log.append(name, payload, publishOptions);
      clients.forEach(pump);
    },
    setLatest: (name, payload) => {
      latest.set(name, sseText(name, payload));
      for (const client of clients) {
        client.pending.add(name);
        pump(client);
      }
    },
    clients: () => [...clients].map((c) => ({ cursor: c.cursor, resumedFrom: c.resumedFrom, buffered: c.res.writableLength, maxBuffered: c.maxBuffered })),
    dropClients: () => {
      for (const client of clients) client.res.destroy();
      clients.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        // each stream ends once it has been sent everything; a client that does not take it is cut after a second
        closing = true;
        clients.forEach(pump);
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
};
