/**
 * The wire forms of distributed sampling (a broker between a learner and rollout workers): a
 * policy release (weights and observation statistics, published once per policy version), a
 * rollout task (everything else a group of envs needs to sample: env id, env snapshots, generator
 * states, steps) and its result. A task is a pure function of its inputs and of the release it
 * names, so any worker gives the same result. All three are JSON text whose typed arrays are
 * written bit for bit (base64, see `encodeTree`); decoding checks structure, dtypes, sizes and
 * finiteness, and that a result answers the task it claims to (task id, policy version), so that a
 * malformed or mismatched message is refused, never mixed into a batch.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import type { RunningStats } from '../../algebra/runningStats.js';
import { intIn, numberIn } from '../../config/codec.js';
import type { EnvSnapshot } from '../../envs/env.js';
import type { PolicySpec } from '../../policies/policySpec.js';
import { actionWidth, observationDim, policyParameterCount } from '../../policies/policySpec.js';
import { EnvSnapshotCodec, Float32ArrayCodec, Float64ArrayCodec, PolicySpecCodec, RunningStatsCodec, decodeSaved, typedArrayCodec } from '../codecs.js';
import { decodeTree, encodeTree } from '../stateCodec.js';
import type { BranchRequest, BranchSegment } from './branches.js';
import type { Segment, SegmentRequest } from './segment.js';

/** The frozen policy of one version: what every task of that version samples with. */
export interface PolicyRelease {
  readonly version: string;
  readonly policySpec: PolicySpec;
  readonly policyParams: Float32Array;
  readonly observationStats: RunningStats | null;
}

/** The fields of a request that a policy release carries instead of each task. */
type PolicyFields = 'policySpec' | 'policyParams' | 'observationStats';

/** The per-group part of a {@link SegmentRequest} (no policy) plus the group's env snapshots. */
export type SegmentWork = { readonly _tag: 'segment'; readonly envs: readonly EnvSnapshot[] } & Omit<SegmentRequest, PolicyFields>;

/** The per-group part of a {@link BranchRequest} (no policy). */
export type BranchWork = { readonly _tag: 'branches' } & Omit<BranchRequest, PolicyFields>;

/** One unit of work: a group's segment or a group's vine branches, under one policy version. */
export interface RolloutTask {
  readonly taskId: string;
  readonly version: string;
  readonly envId: string;
  readonly work: SegmentWork | BranchWork;
}

/** What a worker sends back: the group's segment and its envs' snapshots after it, or its branches. */
export type RolloutOutput =
  | { readonly _tag: 'segment'; readonly segment: Segment; readonly envs: readonly EnvSnapshot[] }
  | { readonly _tag: 'branches'; readonly branches: BranchSegment };

/** A task's result, tagged with the task and policy version it answers. */
export interface RolloutResult {
  readonly taskId: string;
  readonly version: string;
  readonly output: RolloutOutput;
}

/** A broker message that does not decode, or answers another task; `message` names the problem. */
export interface PayloadError {
  readonly _tag: 'PayloadError';
  readonly message: string;
}

const payloadError = (message: string): PayloadError => ({ _tag: 'PayloadError', message });

const formats = { release: 'trpo-policy-release/1', task: 'trpo-rollout-task/1', result: 'trpo-rollout-result/1' } as const;

const count = intIn(0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
const positive = intIn(1, 1 << 24, 'a positive integer');
const uint32 = intIn(0, 2 ** 32 - 1, 'a uint32 word');
const finite = numberIn(-Number.MAX_VALUE, Number.MAX_VALUE, 'a finite number');
const Uint8ArrayCodec = typedArrayCodec<Uint8Array>('a uint8 array', Uint8Array);
const Int32ArrayCodec = typedArrayCodec<Int32Array>('an int32 array', Int32Array);
const Rngs = t.readonlyArray(t.tuple([uint32, uint32, uint32, uint32]), 'a list of generator states');
const Snapshots = t.readonlyArray(EnvSnapshotCodec, 'a list of env snapshots');
const Id = t.refinement(t.string, (s) => s.length > 0 && s.length <= 200, 'an id of 1–200 characters');

const ReleaseCodec = t.type({ format: t.literal(formats.release), version: Id, policySpec: PolicySpecCodec, policyParams: Float32ArrayCodec, observationStats: t.union([t.null, RunningStatsCodec]) });

const SegmentWorkCodec = t.intersection([
  t.type({ _tag: t.literal('segment'), envs: Snapshots, stepsPerEnv: positive, rngs: Rngs, observations: Float32ArrayCodec, episodeReturns: Float64ArrayCodec, episodeLengths: Float64ArrayCodec }),
  t.partial({ snapshotRows: Int32ArrayCodec }),
]);
const BranchWorkCodec = t.type({ _tag: t.literal('branches'), gamma: finite, branchLength: positive, branches: positive, snapshots: Snapshots, observations: Float32ArrayCodec, rngs: Rngs });
const TaskCodec = t.type({ format: t.literal(formats.task), taskId: Id, version: Id, envId: Id, work: t.union([SegmentWorkCodec, BranchWorkCodec]) });

const SegmentCodec = t.intersection([
  t.type({
    numEnvs: positive,
    stepsPerEnv: positive,
    observations: Float32ArrayCodec,
    rawObservations: Float32ArrayCodec,
    actions: Float32ArrayCodec,
    rewards: Float64ArrayCodec,
    terminated: Uint8ArrayCodec,
    truncated: Uint8ArrayCodec,
    finalObservations: Float32ArrayCodec,
    bootstrapObservations: Float32ArrayCodec,
    endObservations: Float32ArrayCodec,
    episodeReturns: Float64ArrayCodec,
    episodeLengths: Float64ArrayCodec,
    finished: Float64ArrayCodec,
    unstableEpisodes: count,
  }),
  t.partial({ snapshotRows: Int32ArrayCodec, snapshots: Snapshots }),
]);
const BranchSegmentCodec = t.type({
  states: count,
  branches: positive,
  actions: Float32ArrayCodec,
  returns: Float64ArrayCodec,
  lengths: Float64ArrayCodec,
  cut: Uint8ArrayCodec,
  finalObservations: Float32ArrayCodec,
});
const OutputCodec = t.union([t.type({ _tag: t.literal('segment'), segment: SegmentCodec, envs: Snapshots }), t.type({ _tag: t.literal('branches'), branches: BranchSegmentCodec })]);
const ResultCodec = t.type({ format: t.literal(formats.result), taskId: Id, version: Id, output: OutputCodec });

/** JSON text → checked value: parse, decode the `$array` typed arrays, then the codec. */
const decodeText =
  <A>(codec: t.Decoder<unknown, A>, what: string) =>
  (text: unknown): E.Either<PayloadError, A> => {
    if (typeof text !== 'string') return E.left(payloadError(`${what}: expected JSON text, got ${typeof text}`));
    let tree: unknown;
    try {
      tree = decodeTree(JSON.parse(text));
    } catch (error) {
      return E.left(payloadError(`${what}: ${(error as Error).message}`));
    }
    return pipe(
      decodeSaved(codec, tree),
      E.mapLeft((message) => payloadError(`${what}: ${message}`)),
    );
  };

/** Sizes of a task's arrays that disagree with each other (empty when consistent). */
const problemsOf = (checks: readonly (readonly [boolean, string])[]): string[] => checks.filter(([ok]) => !ok).map(([, message]) => message);

const allFinite = (a: Float32Array | Float64Array): boolean => {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
};
const allBits = (a: Uint8Array): boolean => a.every((v) => v === 0 || v === 1);

const checked = <A>(value: A, what: string, problems: readonly string[]): E.Either<PayloadError, A> =>
  problems.length === 0 ? E.right(value) : E.left(payloadError(`${what}: ${problems.join('; ')}`));

/**
 * A policy release as JSON text.
 *
 * @example encodeRelease({ version: 'run-1', policySpec, policyParams, observationStats: null })
 */
export const encodeRelease = (release: PolicyRelease): string => JSON.stringify(encodeTree({ format: formats.release, ...release }));

/**
 * Decodes {@link encodeRelease}'s text; the weights must fit the spec, the statistics the observations.
 *
 * @example decodeRelease('{}') // left({ _tag: 'PayloadError', message: 'policy release: format: …' })
 */
export const decodeRelease = (text: unknown): E.Either<PayloadError, PolicyRelease> =>
  pipe(
    decodeText(ReleaseCodec, 'policy release')(text),
    E.chain(({ version, policySpec, policyParams, observationStats }) => {
      const dim = observationDim(policySpec);
      return checked({ version, policySpec, policyParams, observationStats }, 'policy release', problemsOf([
        [policyParams.length === policyParameterCount(policySpec), `policyParams has ${policyParams.length} weights, the spec needs ${policyParameterCount(policySpec)}`],
        [allFinite(policyParams), 'policyParams has a non-finite weight'],
        [observationStats === null || (observationStats.mean.length === dim && observationStats.m2.length === dim), `observationStats does not have ${dim} coordinates`],
      ]));
    }),
  );

/**
 * A rollout task as JSON text.
 *
 * @example encodeTask({ taskId: 'a-1', version: 'a-1', envId: 'CartPole-v1', work: { _tag: 'segment', envs, stepsPerEnv: 500, rngs, observations, episodeReturns, episodeLengths } })
 */
export const encodeTask = (task: RolloutTask): string => JSON.stringify(encodeTree({ format: formats.task, ...task }));

/** Sizes inside a task's work that disagree with each other (`obsDim` unknown until the release is read). */
const workProblems = (work: SegmentWork | BranchWork): string[] => {
  if (work._tag === 'branches') {
    const n = work.snapshots.length;
    return problemsOf([
      [work.rngs.length === n, `${work.rngs.length} generators for ${n} states`],
      [n > 0 && work.observations.length % n === 0, `observations has ${work.observations.length} values for ${n} states`],
      [allFinite(work.observations), 'observations has a non-finite value'],
    ]);
  }
  const n = work.envs.length, rows = n * work.stepsPerEnv;
  return problemsOf([
    [n > 0, 'no env snapshots'],
    [work.rngs.length === n, `${work.rngs.length} generators for ${n} envs`],
    [work.episodeReturns.length === n && work.episodeLengths.length === n, `episodeReturns/episodeLengths have ${work.episodeReturns.length}/${work.episodeLengths.length} entries for ${n} envs`],
    [n > 0 && work.observations.length % n === 0, `observations has ${work.observations.length} values for ${n} envs`],
    [allFinite(work.observations) && allFinite(work.episodeReturns) && allFinite(work.episodeLengths), 'a non-finite observation or episode counter'],
    [!work.snapshotRows || work.snapshotRows.every((r, i, rs) => r >= 0 && r < rows && (i === 0 || r > rs[i - 1])), `snapshotRows must be sorted distinct rows below ${rows}`],
  ]);
};

/**
 * Decodes {@link encodeTask}'s text and checks the sizes inside it; a worker refuses a task that
 * does not decode (its job fails with this message) and carries on.
 *
 * @example decodeTask('not json') // left({ _tag: 'PayloadError', message: 'rollout task: Unexpected token …' })
 */
export const decodeTask = (text: unknown): E.Either<PayloadError, RolloutTask> =>
  pipe(
    decodeText(TaskCodec, 'rollout task')(text),
    E.chain(({ taskId, version, envId, work }) => checked<RolloutTask>({ taskId, version, envId, work }, 'rollout task', workProblems(work))),
  );

/**
 * A task's result as JSON text.
 *
 * @example encodeResult({ taskId: task.taskId, version: task.version, output: { _tag: 'segment', segment, envs } })
 */
export const encodeResult = (result: RolloutResult): string => JSON.stringify(encodeTree({ format: formats.result, ...result }));

/** The task and shapes a result must answer. */
export interface ResultExpectation {
  readonly task: RolloutTask;
  /** Policy input and action width of the task's release. */
  readonly obsDim: number;
  readonly actionWidth: number;
}

/**
 * What a task's release tells about result shapes.
 *
 * @example expectationOf(task, release.policySpec)
 */
export const expectationOf = (task: RolloutTask, spec: PolicySpec): ResultExpectation => ({ task, obsDim: observationDim(spec), actionWidth: actionWidth(spec) });

const segmentProblems = (segment: Segment, envs: readonly EnvSnapshot[], work: SegmentWork, obsDim: number, width: number): string[] => {
  const n = work.envs.length, steps = work.stepsPerEnv, rows = n * steps;
  const sized = (name: string, a: ArrayLike<number>, length: number) => [a.length === length, `${name} has ${a.length} values, expected ${length}`] as const;
  return problemsOf([
    [segment.numEnvs === n && segment.stepsPerEnv === steps, `segment of ${segment.numEnvs} envs × ${segment.stepsPerEnv} steps, expected ${n} × ${steps}`],
    [envs.length === n, `${envs.length} env snapshots after the segment, expected ${n}`],
    sized('observations', segment.observations, rows * obsDim),
    sized('rawObservations', segment.rawObservations, rows * obsDim),
    sized('actions', segment.actions, rows * width),
    sized('rewards', segment.rewards, rows),
    sized('terminated', segment.terminated, rows),
    sized('truncated', segment.truncated, rows),
    sized('finalObservations', segment.finalObservations, rows * obsDim),
    sized('bootstrapObservations', segment.bootstrapObservations, n * obsDim),
    sized('endObservations', segment.endObservations, n * obsDim),
    sized('episodeReturns', segment.episodeReturns, n),
    sized('episodeLengths', segment.episodeLengths, n),
    [segment.finished.length % 4 === 0, `finished has ${segment.finished.length} values, not 4 per episode`],
    [[segment.observations, segment.rawObservations, segment.actions, segment.rewards, segment.finalObservations, segment.bootstrapObservations, segment.endObservations, segment.episodeReturns, segment.episodeLengths, segment.finished].every(allFinite), 'a non-finite value in the segment'],
    [allBits(segment.terminated) && allBits(segment.truncated), 'terminated/truncated hold values other than 0 and 1'],
    [(segment.snapshotRows?.length ?? -1) === (work.snapshotRows?.length ?? -1) && (segment.snapshots?.length ?? -1) === (work.snapshotRows?.length ?? -1), `${segment.snapshots?.length ?? 0} snapshots for ${work.snapshotRows?.length ?? 0} requested rows`],
  ]);
};

const branchProblems = (b: BranchSegment, work: BranchWork, obsDim: number, width: number): string[] => {
  const states = work.snapshots.length, rows = b.states * b.branches;
  const sized = (name: string, a: ArrayLike<number>, length: number) => [a.length === length, `${name} has ${a.length} values, expected ${length}`] as const;
  return problemsOf([
    [b.states === states, `branches of ${b.states} states, expected ${states}`],
    sized('actions', b.actions, rows * width),
    sized('returns', b.returns, rows),
    sized('lengths', b.lengths, rows),
    sized('cut', b.cut, rows),
    sized('finalObservations', b.finalObservations, rows * obsDim),
    [[b.actions, b.returns, b.lengths, b.finalObservations].every(allFinite) && allBits(b.cut), 'a non-finite or out-of-range value in the branches'],
  ]);
};

/**
 * Decodes a result and checks that it answers `expected.task` (same task id and policy version,
 * same kind) with arrays of the right sizes and only finite values.
 *
 * @example decodeResult(expectationOf(task, spec))(text) // right(result) or left({ _tag: 'PayloadError', … })
 */
export const decodeResult =
  (expected: ResultExpectation) =>
  (text: unknown): E.Either<PayloadError, RolloutResult> =>
    pipe(
      decodeText(ResultCodec, 'rollout result')(text),
      E.chain((r) => {
        const { task, obsDim, actionWidth: width } = expected;
        if (r.taskId !== task.taskId || r.version !== task.version) return E.left(payloadError(`rollout result for task ${r.taskId} (policy ${r.version}), expected task ${task.taskId} (policy ${task.version})`));
        const work = task.work, output = r.output;
        const problems =
          output._tag !== work._tag
            ? [`a ${output._tag} result for a ${work._tag} task`]
            : output._tag === 'segment'
              ? segmentProblems(output.segment, output.envs, work as SegmentWork, obsDim, width)
              : branchProblems(output.branches, work as BranchWork, obsDim, width);
        return checked<RolloutResult>({ taskId: r.taskId, version: r.version, output }, 'rollout result', problems);
      }),
    );

const policyOf = (release: PolicyRelease): Pick<SegmentRequest, PolicyFields> => ({
  policySpec: release.policySpec,
  policyParams: release.policyParams,
  observationStats: release.observationStats,
});

/**
 * The segment request a worker runs for a segment task under `release`.
 *
 * @example sampleSegment(envs, segmentRequestOf(release, work))
 */
export const segmentRequestOf = (release: PolicyRelease, work: SegmentWork): SegmentRequest => {
  const { _tag, envs, ...fields } = work;
  return { ...policyOf(release), ...fields };
};

/**
 * The branch request a worker runs for a branch task under `release`.
 *
 * @example sampleBranches(env, branchRequestOf(release, work))
 */
export const branchRequestOf = (release: PolicyRelease, work: BranchWork): BranchRequest => {
  const { _tag, ...fields } = work;
  return { ...policyOf(release), ...fields };
};

/**
 * The policy-free part of a group's segment request, with the group's env snapshots: a task's work.
 *
 * @example segmentWorkOf(groupRequest(request, group), groupEnvState(envs, group).envs)
 */
export const segmentWorkOf = (request: SegmentRequest, envs: readonly EnvSnapshot[]): SegmentWork => {
  const { policySpec, policyParams, observationStats, ...fields } = request;
  return { _tag: 'segment', envs, ...fields };
};

/**
 * The policy-free part of a group's branch request: a task's work.
 *
 * @example branchWorkOf(groupBranchRequest(request, group))
 */
export const branchWorkOf = (request: BranchRequest): BranchWork => {
  const { policySpec, policyParams, observationStats, ...fields } = request;
  return { _tag: 'branches', ...fields };
};
