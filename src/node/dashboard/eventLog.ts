/**
 * The sequenced event log a dashboard serves over Server-Sent Events: every event gets the next
 * id (1, 2, …), so a client that reconnects with `Last-Event-ID: n` is sent exactly the events
 * after n. Plain data, no I/O.
 *
 * @module
 */

/** One logged event, already framed as SSE text (`id`, `event`, `data` lines). */
export interface LoggedEvent {
  readonly id: number;
  readonly name: string;
  readonly text: string;
  /** May be dropped when the log is over its size (episode events); iterations are always kept. */
  readonly droppable: boolean;
}

/** Options of {@link EventLog}. */
export interface EventLogOptions {
  /**
   * Most events kept (default 200,000). Beyond it the oldest droppable events go first; events that
   * are not droppable (one per iteration: the run's history, as metrics.jsonl holds it) are never dropped.
   */
  readonly maxEvents?: number;
}

/**
 * SSE framing of one event: `id:` (omitted when undefined), `event:` and one `data:` line of JSON.
 *
 * @example sseText('iteration', { iteration: 1 }, 7) // 'id: 7\nevent: iteration\ndata: {"iteration":1}\n\n'
 */
export const sseText = (name: string, payload: unknown, id?: number): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;

/**
 * An append-only log of events with increasing ids, bounded by dropping the oldest droppable
 * events once it holds more than `maxEvents`.
 *
 * @example
 * const log = new EventLog();
 * log.append('iteration', { iteration: 1 });
 * log.after(0).map((e) => e.id); // [1]
 */
export class EventLog {
  private events: LoggedEvent[] = [];
  private next = 1;
  private readonly maxEvents: number;

  constructor(options: EventLogOptions = {}) {
    this.maxEvents = options.maxEvents ?? 200_000;
    if (!(Number.isSafeInteger(this.maxEvents) && this.maxEvents >= 1)) throw new RangeError(`EventLog: maxEvents must be a positive integer, got ${this.maxEvents}`);
  }

  /** Id of the newest event (0 while the log is empty). */
  get lastId(): number {
    return this.next - 1;
  }

  /** Events held now. */
  get size(): number {
    return this.events.length;
  }

  /** Appends an event and returns it (with its id). */
  append(name: string, payload: unknown, options: { readonly droppable?: boolean } = {}): LoggedEvent {
    const id = this.next++;
    const event: LoggedEvent = { id, name, text: sseText(name, payload, id), droppable: options.droppable ?? false };
    this.events.push(event);
    // compact in steps of a tenth so appending stays amortized O(1)
    if (this.events.length > this.maxEvents + Math.ceil(this.maxEvents / 10)) this.compact();
    return event;
  }

  /** Drops the oldest droppable events until the log is within `maxEvents` (or only kept events are left). */
  private compact(): void {
    let excess = this.events.length - this.maxEvents;
    this.events = this.events.filter((e) => !(e.droppable && excess-- > 0));
  }

  /** Index of the first held event with an id above `id`. */
  private indexAfter(id: number): number {
    let lo = 0, hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].id <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first held event with an id above `id`, if any. */
  firstAfter(id: number): LoggedEvent | undefined {
    return this.events[this.indexAfter(id)];
  }

  /** All held events with ids above `id`, oldest first. */
  after(id: number): readonly LoggedEvent[] {
    return this.events.slice(this.indexAfter(id));
  }
}
