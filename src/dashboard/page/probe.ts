/**
 * What the page has received and drawn, on `window.__dashboard`, for the browser tests (and for
 * anyone curious in the devtools console).
 *
 * @module
 */
import type { Probe } from '../probe.js';

/** The page's probe, created on first use. */
export const probe = (): Probe => {
  const w = window as unknown as { __dashboard?: Probe };
  w.__dashboard ??= { mode: '', instance: '', connected: false, connections: 0, lastEventId: 0, duplicates: 0, gaps: 0, iterations: [], episodes: 0, plays: 0, framesDrawn: 0, status: '', groupUpdates: 0, warnings: [], points: {} };
  return w.__dashboard;
};

/** Records a logged event's id: counts duplicates and gaps against the last one. */
export const recordId = (id: number): void => {
  const p = probe();
  if (id <= p.lastEventId) p.duplicates += 1;
  else if (id > p.lastEventId + 1) p.gaps += 1;
  p.lastEventId = Math.max(p.lastEventId, id);
};
