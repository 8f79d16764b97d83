import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { pipe } from 'fp-ts/lib/function.js';
import { networksFor } from '../config/networks.js';
import { recentMean } from '../streams/loop.js';
import type { NetworkSpec } from '../policies/networkSpec.js';
import type { TrainConfig } from '../config/config.js';
import type { Env } from '../envs/env.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { ruleFor } from '../rules/registry.js';
import { parsePolicy } from '../streams/savedPolicy.js';
import type { SavedPolicy } from '../streams/savedPolicy.js';
import type { Checkpoint, MetricsPosition } from '../streams/stateCodec.js';
import { parseCheckpoint } from '../streams/stateCodec.js';
import type { TrainingState } from '../streams/types.js';

/** Why a run directory cannot be resumed: the file at fault and what is wrong with it. */
export interface ResumeRefusal {
  readonly _tag: 'ResumeRefusal';
  /** File name inside the run directory (`checkpoint.json`, `policy.json`, `metrics.jsonl`). */
  readonly file: string;
  readonly message: string;
}

/** What a resume starts from once every file has been checked. */
export interface ResumePlan {
  /** The checkpoint's state; none when the run stopped before its first checkpoint (it starts over from config.json). */
  readonly state: O.Option<TrainingState>;
  /** Where metrics.jsonl is cut back to (a torn or extra tail goes). */
  readonly metrics: MetricsPosition;
}

/** The contents of a run directory that a resume reads; null for an absent file. */
export interface RunContents {
  readonly config: TrainConfig;
  readonly checkpoint: string | null;
  readonly policy: string | null;
  readonly metrics: Uint8Array | null;
}

const refuse = (file: string, message: string): E.Either<ResumeRefusal, never> => E.left({ _tag: 'ResumeRefusal', file, message });
const ok = E.right(undefined);

const describeNetwork = (m: NetworkSpec): string =>
  m.kind === 'mlp'
    ? `MLP ${[m.inputDim, ...m.hiddenSizes, m.outputDim].join('→')} ${m.activation}`
    : `conv net ${m.inputShape.join('×')}→${m.convLayers.map((l) => `conv ${l.filters}@${l.kernel}×${l.kernel}`).join('→')}→${[...m.hiddenSizes, m.outputDim].join('→')} relu`;
const describePolicy = (spec: PolicySpec): string =>
  `${spec.head === 'categorical' ? `categorical(${spec.actions})` : `gaussian(${spec.actionDim})`} head on an ${describeNetwork(spec.network)}`;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  a.byteLength === b.byteLength && new Uint8Array(a.buffer, a.byteOffset, a.byteLength).every((x, i) => x === new Uint8Array(b.buffer, b.byteOffset, b.byteLength)[i]);

/** The checkpoint against config.json and the env: env id, architecture, update method, env count, normalization, env snapshots. */
const checkAgainstConfig = (config: TrainConfig, env: Env, checkpoint: Checkpoint): E.Either<ResumeRefusal, void> => {
  const state = checkpoint.state;
  const file = 'checkpoint.json';
  if (checkpoint.env !== undefined && checkpoint.env !== config.env) return refuse(file, `belongs to a ${checkpoint.env} run, but config.json says env ${config.env}`);
  const implied = networksFor(config, env);
  if (!sameJson(state.policySpec, implied.policy))
    return refuse(file, `holds a policy with a ${describePolicy(state.policySpec)}, but config.json on ${config.env} implies a ${describePolicy(implied.policy)}`);
  if (!sameJson(state.valueSpec, implied.value))
    return refuse(file, `holds a value network ${describeNetwork(state.valueSpec)}, but config.json on ${config.env} implies ${describeNetwork(implied.value)}`);
  const rule = ruleFor(config);
  if (state.rule !== null && state.rule.name !== rule.name)
    return refuse(file, `holds the state of update rule '${state.rule.name}', but config.json says method '${config.method}' (update rule '${rule.name}'): it belongs to a run of another method`);
  if (state.envs.envs.length !== config.numEnvs) return refuse(file, `holds ${state.envs.envs.length} envs, but config.json says numEnvs ${config.numEnvs}`);
  const normalized = state.observationStats !== null;
  if (normalized !== config.normalizeObservations) return refuse(file, `was made with normalizeObservations ${normalized}, but config.json says ${config.normalizeObservations}`);
  const targets = state.valueTargetStats !== null;
  if (targets !== config.value.normalizeTargets) return refuse(file, `was made with value.normalizeTargets ${targets}, but config.json says ${config.value.normalizeTargets}`);
  for (const [i, snapshot] of state.envs.envs.entries()) {
    try {
      env.restore(snapshot);
    } catch (error) {
      return refuse(file, `env ${i}'s snapshot does not fit ${config.env}: ${(error as Error).message}`);
    }
  }
  return ok;
};

/** policy.json against the checkpoint: same env and architecture, and the same weights when it is of the same iteration. */
const checkPolicy = (config: TrainConfig, state: TrainingState, policy: SavedPolicy): E.Either<ResumeRefusal, void> => {
  const file = 'policy.json';
  if (policy.env !== config.env) return refuse(file, `belongs to a ${policy.env} run, but config.json says env ${config.env}`);
  if (!sameJson(policy.spec, state.policySpec)) return refuse(file, `holds a ${describePolicy(policy.spec)}, checkpoint.json a ${describePolicy(state.policySpec)}`);
  // policy.json is replaced just before checkpoint.json: a kill between the two leaves it one checkpoint ahead
  if (policy.iteration < state.iteration) return refuse(file, `is from iteration ${policy.iteration}, older than checkpoint.json's iteration ${state.iteration}`);
  const stats = (s: SavedPolicy['observationStats']) => (s === null ? null : [s.count, Array.from(s.mean), Array.from(s.m2)]);
  if (
    policy.iteration === state.iteration &&
    (policy.timesteps !== state.timesteps || !sameBytes(policy.params, state.policyParams) || !sameJson(stats(policy.observationStats), stats(state.observationStats)))
  )
    return refuse(file, `differs from checkpoint.json at iteration ${state.iteration} (weights, normalizer or step count): the file is damaged`);
  return ok;
};

const newline = 10;

/** Metrics records of complete lines in `bytes`, with the byte offset after each. */
const metricsLines = (bytes: Uint8Array): { readonly record: unknown; readonly end: number }[] => {
  const decoder = new TextDecoder();
  const out: { record: unknown; end: number }[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== newline) continue;
    let record: unknown = null;
    try {
      record = JSON.parse(decoder.decode(bytes.subarray(from, i)));
    } catch {
      record = null;
    }
    out.push({ record, end: i + 1 });
    from = i + 1;
  }
  return out;
};

interface MetricsRecord {
  readonly iteration: unknown;
  readonly timesteps: unknown;
  readonly episodeReturnMean?: unknown;
  readonly episodeLengthMean?: unknown;
}

const iterationOf = (record: unknown): MetricsRecord =>
  typeof record === 'object' && record !== null ? (record as MetricsRecord) : { iteration: undefined, timesteps: undefined };

/**
 * Where metrics.jsonl must be cut so that it ends with the checkpoint's iteration: at the position
 * the checkpoint recorded (checked: whole lines, the last one of its iteration), or, for files
 * written before checkpoints recorded it, after the first line of the checkpoint's iteration.
 */
const metricsPositionOf = (checkpoint: Checkpoint, metrics: Uint8Array | null): E.Either<ResumeRefusal, MetricsPosition> => {
  const file = 'metrics.jsonl';
  const { iteration, timesteps } = checkpoint.state;
  const bytes = metrics ?? new Uint8Array(0);
  const lines = metricsLines(bytes);
  const endsAt = lines.length === 0 ? 'has no complete line' : `ends at iteration ${String(iterationOf(lines[lines.length - 1].record).iteration)}`;
  const recorded = checkpoint.metrics;
  if (recorded === undefined) {
    if (iteration === 0) return E.right({ lines: 0, bytes: 0 });
    const at = lines.findIndex(({ record }) => iterationOf(record).iteration === iteration && iterationOf(record).timesteps === timesteps);
    return at < 0 ? refuse(file, `has no line for checkpoint.json's iteration ${iteration} (it ${endsAt})`) : E.right({ lines: at + 1, bytes: lines[at].end });
  }
  if (recorded.lines === 0) return recorded.bytes === 0 ? E.right(recorded) : refuse('checkpoint.json', `records 0 metrics lines in ${recorded.bytes} bytes`);
  const line = lines[recorded.lines - 1];
  // a line past the end is missing; a line that exists but ends elsewhere is another file (below)
  if (line === undefined)
    return refuse(file, `holds ${lines.length} complete lines (${bytes.length} bytes), but checkpoint.json is at iteration ${iteration}, line ${recorded.lines} ending at byte ${recorded.bytes}; it ${endsAt}`);
  if (line.end !== recorded.bytes) return refuse(file, `does not match checkpoint.json: line ${recorded.lines} ends at byte ${line.end}, not ${recorded.bytes}`);
  const last = iterationOf(line.record);
  if (last.iteration !== iteration || last.timesteps !== timesteps)
    return refuse(file, `line ${recorded.lines} is iteration ${String(last.iteration)} at ${String(last.timesteps)} steps, but checkpoint.json is iteration ${iteration} at ${timesteps} steps`);
  // the line's running means are computed from the episodes the checkpoint holds: another run's line
  // at the same iteration and byte offset differs here
  const expected = { returns: recentMean(checkpoint.state.recentReturns), lengths: recentMean(checkpoint.state.recentLengths) };
  if (last.episodeReturnMean !== expected.returns || last.episodeLengthMean !== expected.lengths)
    return refuse(
      file,
      `line ${recorded.lines} reports episode means ${String(last.episodeReturnMean)} / ${String(last.episodeLengthMean)}, but checkpoint.json's episodes give ${String(expected.returns)} / ${String(expected.lengths)}: it belongs to another run`,
    );
  return E.right(recorded);
};

/**
 * Checks a run directory before a resume writes anything: checkpoint.json and policy.json decode
 * (io-ts codecs), agree with each other and with config.json (env id, policy and value
 * architectures on `env`'s spaces, numEnvs, normalization settings; every env snapshot restores
 * into `env`), and metrics.jsonl reaches the checkpoint's iteration. Without a checkpoint (a run
 * stopped before its first one) the plan is to start over. `env` is an env of `config.env`; it is
 * only restored, to try the snapshots.
 *
 * @example
 * pipe(checkResume(env)(contents), E.match((refusal) => exit2(refusal), (plan) => resume(plan)))
 */
export const checkResume =
  (env: Env) =>
  (run: RunContents): E.Either<ResumeRefusal, ResumePlan> => {
    if (run.checkpoint === null) return E.right({ state: O.none, metrics: { lines: 0, bytes: 0 } });
    return pipe(
      parseCheckpoint(run.checkpoint),
      E.mapLeft((error): ResumeRefusal => ({ _tag: 'ResumeRefusal', file: 'checkpoint.json', message: error.message })),
      E.chainFirst((checkpoint) => checkAgainstConfig(run.config, env, checkpoint)),
      E.chainFirst((checkpoint) =>
        run.policy === null
          ? refuse('policy.json', `is missing, but checkpoint.json is at iteration ${checkpoint.state.iteration}`)
          : pipe(
              parsePolicy(run.policy),
              E.mapLeft((error): ResumeRefusal => ({ _tag: 'ResumeRefusal', file: 'policy.json', message: error.message })),
              E.chain((policy) => checkPolicy(run.config, checkpoint.state, policy)),
            ),
      ),
      E.chain((checkpoint) => E.map((metrics: MetricsPosition): ResumePlan => ({ state: O.some(checkpoint.state), metrics }))(metricsPositionOf(checkpoint, run.metrics))),
    );
  };
