/**
 * The dashboard page's counters, kept on `window.__dashboard` (src/dashboard/page/probe.ts): what
 * arrived over the stream and what was drawn. The browser tests read them.
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
  /** Warnings received, in order. */
  warnings: string[];
  /** Points drawn per chart title. */
  points: Record<string, number>;
}
