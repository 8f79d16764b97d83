/**
 * Noticing a stalled run: a long streak of updates the line search rejected. It happens when a
 * categorical policy has gone deterministic (the other actions' probabilities underflow, so the
 * surrogate cannot improve within the trust region and every step is rejected), and no later
 * update can undo it. A fold over the iterations' outcomes, so any subscriber can run it.
 *
 * @module
 */
import * as O from 'fp-ts/lib/Option.js';

/** What {@link watchStalls} reads of an iteration. */
export interface UpdateOutcome {
  readonly iteration: number;
  /** Whether the update's step was taken. */
  readonly accepted: boolean;
  /** Mean policy entropy before the update (nats). */
  readonly entropy: number;
}

/** The fold's state: the current streak of rejected updates and whether it was reported. */
export interface StallWatch {
  readonly rejectedInARow: number;
  readonly reported: boolean;
}

/** A streak worth reporting: its length, where it reached it and the policy's entropy there. */
export interface Stall {
  readonly rejectedInARow: number;
  readonly iteration: number;
  readonly entropy: number;
}

/** The state before any iteration. */
export const noStall: StallWatch = { rejectedInARow: 0, reported: false };

/**
 * Rejected updates in a row that {@link watchStalls} reports. Of the game runs kept in
 * docs/games-runs, the healthy ones never rejected more than 4 in a row; Freeway seed 2, whose
 * policy went deterministic, rejected 2,154 in a row.
 */
export const stallStreak = 25;

/**
 * One step of the fold: the next state, and a {@link Stall} once a streak reaches `streak`
 * rejections (once per streak; an accepted update ends it and re-arms the report).
 *
 * @example
 * let watch = noStall;
 * for (let i = 1; i <= 25; i++) [watch] = watchStalls(watch, { iteration: i, accepted: false, entropy: 0 }); // the 25th returns O.some({ rejectedInARow: 25, iteration: 25, entropy: 0 })
 */
export const watchStalls = (watch: StallWatch, outcome: UpdateOutcome, streak = stallStreak): readonly [StallWatch, O.Option<Stall>] => {
  if (outcome.accepted) return [noStall, O.none];
  const rejectedInARow = watch.rejectedInARow + 1;
  if (watch.reported || rejectedInARow < streak) return [{ rejectedInARow, reported: watch.reported }, O.none];
  return [{ rejectedInARow, reported: true }, O.some({ rejectedInARow, iteration: outcome.iteration, entropy: outcome.entropy })];
};

/**
 * The warning a CLI prints for a {@link Stall}; `discrete` says whether the policy is categorical,
 * whose entropy ~0 means deterministic (a Gaussian's differential entropy can be any number).
 *
 * @example
 * stallMessage({ rejectedInARow: 25, iteration: 319, entropy: 2.2e-15 }, { discrete: true })
 * // 'warning: iteration 319: the last 25 updates were all rejected by the line search ...'
 */
export const stallMessage = (stall: Stall, policy: { readonly discrete: boolean }): string =>
  `warning: iteration ${stall.iteration}: the last ${stall.rejectedInARow} updates were all rejected by the line search (policy entropy ${stall.entropy.toExponential(2)} nats). ` +
  (policy.discrete && stall.entropy < 1e-3
    ? 'The policy looks deterministic: its other actions have probability ~0, and no trust-region step can bring them back. This run will not improve; try another seed.'
    : 'The run is not improving; it goes on, and an accepted update ends the streak.');
