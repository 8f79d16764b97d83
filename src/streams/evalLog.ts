import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { EvaluationResult } from './evaluate.js';

/** One line of a run's eval.jsonl: a deterministic evaluation of the policy after `iteration`. */
export type EvalRecord = { readonly iteration: number; readonly timesteps: number } & Omit<EvaluationResult, 'episodes'>;

/**
 * The eval.jsonl line for an evaluation of the policy after `iteration` (at `timesteps` steps).
 *
 * @example evalRecordOf({ iteration: 10, timesteps: 20000 }, result) // { iteration: 10, timesteps: 20000, returnMean, … }
 */
export const evalRecordOf = (at: { readonly iteration: number; readonly timesteps: number }, result: EvaluationResult): EvalRecord => ({
  iteration: at.iteration,
  timesteps: at.timesteps,
  returnMean: result.returnMean,
  returnStd: result.returnStd,
  returns: result.returns,
  lengths: result.lengths,
});

/**
 * The best evaluation: the highest `returnMean`, the earliest of equals (a later evaluation
 * replaces the best only when strictly better, as SB3's EvalCallback does).
 *
 * @example bestRecord([{ iteration: 5, returnMean: 10, … }, { iteration: 10, returnMean: 10, … }]) // Some(iteration 5)
 */
export const bestRecord = (records: readonly EvalRecord[]): O.Option<EvalRecord> =>
  records.reduce<O.Option<EvalRecord>>((best, r) => (O.isNone(best) || r.returnMean > best.value.returnMean ? O.some(r) : best), O.none);

const isRecord = (value: unknown): value is EvalRecord => {
  const r = value as Partial<EvalRecord> | null;
  return (
    r !== null &&
    typeof r === 'object' &&
    Number.isInteger(r.iteration) &&
    typeof r.timesteps === 'number' &&
    typeof r.returnMean === 'number' &&
    Array.isArray(r.returns) &&
    Array.isArray(r.lengths)
  );
};

/**
 * Parses eval.jsonl text (blank lines ignored); a line that is not an {@link EvalRecord} is a `Left`
 * naming its line number.
 *
 * @example parseEvalLog('{"iteration":5,…}\n') // Right([{ iteration: 5, … }])
 */
export const parseEvalLog = (text: string): E.Either<string, readonly EvalRecord[]> => {
  const records: EvalRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch {
      return E.left(`line ${i + 1} is not valid JSON`);
    }
    if (!isRecord(value)) return E.left(`line ${i + 1} is not an evaluation record`);
    records.push(value);
  }
  return E.right(records);
};

/** eval.jsonl text of `records`, one JSON object per line. */
export const formatEvalLog = (records: readonly EvalRecord[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');
