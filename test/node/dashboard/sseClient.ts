// A minimal SSE reader over node:http for the dashboard server tests: collects parsed events.
import { get } from 'node:http';
import type { ClientRequest } from 'node:http';

export interface SseEvent {
  readonly id?: number;
  readonly event: string;
  readonly data: string;
}

export interface SseReader {
  readonly events: SseEvent[];
  /** Resolves once `predicate` holds for the events read (rejects after `ms`). */
  readonly until: (predicate: (events: SseEvent[]) => boolean, ms?: number) => Promise<void>;
  readonly close: () => void;
  readonly ended: Promise<void>;
}

/** Parses complete SSE blocks out of `text`; returns the parsed events and the unparsed rest. */
export const parseSse = (text: string): { events: SseEvent[]; rest: string } => {
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events = blocks.flatMap((block) => {
    const fields = block.split('\n').filter((l) => !l.startsWith(':') && l.includes(':'));
    if (fields.length === 0) return [];
    const get = (name: string) => fields.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
    const id = get('id'), event = get('event'), data = get('data');
    if (event === undefined) return [];
    return [{ ...(id === undefined ? {} : { id: Number(id) }), event, data: data ?? '' }];
  });
  return { events, rest };
};

/** Connects to `url` (an /events URL), optionally resuming after `lastEventId`. */
export const readSse = (url: string, lastEventId?: number): SseReader => {
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let request: ClientRequest;
  const ended = new Promise<void>((resolve) => {
    request = get(url, { headers: lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const parsed = parseSse(buffer + chunk);
        buffer = parsed.rest;
        events.push(...parsed.events);
        waiters.splice(0).forEach((w) => w());
      });
      res.on('close', () => resolve());
      res.on('error', () => resolve());
    });
    request.on('error', () => resolve());
  });
  const until = (predicate: (events: SseEvent[]) => boolean, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`SSE: condition not met within ${ms} ms; ${events.length} events read`)), ms);
      const check = () => {
        if (predicate(events)) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { events, until, close: () => request.destroy(), ended };
};
