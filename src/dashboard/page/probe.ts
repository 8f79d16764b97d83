/**
 * What the page has received and drawn, on `window.__dashboard`, for the browser tests (and for
 * anyone curious in the devtools console).
 *
 * @module
 */

/** Counters of the page: what arrived over the stream and what was drawn. */
export interface Probe {
  mode: string;
  instance: string;
  connected: boolean;
  connections: number;
  /** Id of the last logged event received. */
  lastEventId: number;
  /** Logged events received with an id at or below the previous one. */
  duplicates: number;
  /** Logged events received with an id more than one past the previous one. */
  gaps: number;
  /** Iteration numbers received, in order. */
  iterations: number[];
  episodes: number;
  /** Played episodes received, and animation frames drawn on the canvas. */
  plays: number;
  framesDrawn: number;
  status: string;
  /** Runs-mode `groups` messages received. */
  groupUpdates: number;
  /** Points drawn per chart title. */
  points: Record<string, number>;
}

/** The page's probe, created on first use. */
export const probe = (): Probe => {
  const w = window as unknown as { __dashboard?: Probe };
  w.__dashboard ??= { mode: '', instance: '', connected: false, connections: 0, lastEventId: 0, duplicates: 0, gaps: 0, iterations: [], episodes: 0, plays: 0, framesDrawn: 0, status: '', groupUpdates: 0, points: {} };
  return w.__dashboard;
};

/** Records a logged event's id: counts duplicates and gaps against the last one. */
export const recordId = (id: number): void => {
  const p = probe();
  if (id <= p.lastEventId) p.duplicates += 1;
  else if (id > p.lastEventId + 1) p.gaps += 1;
  p.lastEventId = Math.max(p.lastEventId, id);
};
