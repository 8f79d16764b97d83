import type { OperatorFunction } from 'rxjs';
import { filter, map, scan } from 'rxjs';
import * as O from 'fp-ts/lib/Option.js';
import { noStall, stallMessage, stallStreak, watchStalls } from '../algebra/stalls.js';
import type { Stall, StallWatch } from '../algebra/stalls.js';
import type { IterationResult } from './types.js';

/** A {@link Stall} of a run, with the warning to show for it. */
export interface StallWarning extends Stall {
  readonly message: string;
}

/**
 * Watches a run's iterations and emits a warning each time the line search has rejected `streak`
 * updates in a row (once per streak): the sign of a categorical policy gone deterministic, which
 * no trust-region step can undo. The run itself is not touched.
 *
 * @example
 * trainEvents(config).pipe(filter(isIterationEvent), stallWarnings()).subscribe((w) => console.warn(w.message));
 */
export const stallWarnings = (streak = stallStreak): OperatorFunction<IterationResult, StallWarning> => (iterations) =>
  iterations.pipe(
    scan(
      ({ watch }: { readonly watch: StallWatch; readonly warning: O.Option<StallWarning> }, { state, metrics }: IterationResult) => {
        const [next, stall] = watchStalls(watch, metrics, streak);
        const discrete = state.policySpec.head === 'categorical';
        return { watch: next, warning: O.map((s: Stall) => ({ ...s, message: stallMessage(s, { discrete }) }))(stall) };
      },
      { watch: noStall, warning: O.none },
    ),
    map(({ warning }) => warning),
    filter(O.isSome),
    map((warning) => warning.value),
  );
