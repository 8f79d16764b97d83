import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import { emptyStats, updateStats } from '../../../src/algebra/runningStats.js';
import { splitRng, rngStateFromSeed } from '../../../src/algebra/rng.js';
import { makeEnv } from '../../../src/envs/registry.js';
import { VectorEnv } from '../../../src/envs/vectorEnv.js';
import { actionWidth, observationDim } from '../../../src/policies/policySpec.js';
import { sampleBranches } from '../../../src/streams/sampling/branches.js';
import type { RolloutTask } from '../../../src/streams/sampling/rolloutTask.js';
import {
  branchRequestOf,
  decodeRelease,
  decodeResult,
  decodeTask,
  encodeRelease,
  encodeResult,
  encodeTask,
  expectationOf,
  segmentRequestOf,
  segmentWorkOf,
} from '../../../src/streams/sampling/rolloutTask.js';
import { sampleSegment } from '../../../src/streams/sampling/segment.js';
import { encodeTree } from '../../../src/streams/stateCodec.js';
import { segmentFixture } from './fixtures.js';

/** A Pendulum task over 3 envs with observation statistics, its release, and the result a worker would send. */
const setup = () => {
  const envs = VectorEnv.ofCopies(() => makeEnv('Pendulum-v1'), 3);
  const stats = (dim: number) => updateStats(emptyStats(dim), Float32Array.from({ length: dim * 4 }, (_, i) => Math.cos(i)));
  const { request, spec } = segmentFixture(envs, { hidden: 8, stepsPerEnv: 210, resetSeed: 3, stats });
  const release = { version: 'v-1', policySpec: spec, policyParams: request.policyParams, observationStats: request.observationStats };
  const task: RolloutTask = { taskId: 't-1', version: 'v-1', envId: 'Pendulum-v1', work: segmentWorkOf({ ...request, snapshotRows: Int32Array.from([0, 5, 400]) }, envs.snapshot().envs) };
  const segment = sampleSegment(envs, segmentRequestOf(release, task.work as never));
  const result = { taskId: 't-1', version: 'v-1', output: { _tag: 'segment' as const, segment, envs: envs.snapshot().envs } };
  return { release, task, result, spec };
};

test('release, task and result survive encoding bit for bit', () => {
  const { release, task, result } = setup();
  assert.equal(E.getOrElseW(() => null)(decodeRelease(encodeRelease(release))), release);
  assert.equal(E.getOrElseW(() => null)(decodeTask(encodeTask(task))), task);
  const decoded = decodeResult(expectationOf(task, release.policySpec))(encodeResult(result));
  assert.ok(E.isRight(decoded), E.isLeft(decoded) ? decoded.left.message : '');
  assert.equal(decoded.right, result);
});

test('a worker running a decoded task under a decoded release samples what the learner would have', () => {
  const { release, task, result } = setup();
  const decodedTask = decodeTask(encodeTask(task));
  const decodedRelease = decodeRelease(encodeRelease(release));
  if (E.isLeft(decodedTask) || E.isLeft(decodedRelease) || decodedTask.right.work._tag !== 'segment') throw new Error('did not decode');
  const envs = VectorEnv.ofCopies(() => makeEnv('Pendulum-v1'), 3);
  envs.restore({ envs: decodedTask.right.work.envs });
  assert.equal(sampleSegment(envs, segmentRequestOf(decodedRelease.right, decodedTask.right.work)), result.output.segment);
});

test('branch tasks: the result of the decoded request equals the direct one', () => {
  const env = makeEnv('CartPole-v1');
  const envs = VectorEnv.ofCopies(() => makeEnv('CartPole-v1'), 2);
  const { request, spec } = segmentFixture(envs, { hidden: 4, stepsPerEnv: 1, resetSeed: 1, stats: () => null });
  const release = { version: 'v', policySpec: spec, policyParams: request.policyParams, observationStats: null };
  const work = { _tag: 'branches' as const, gamma: 0.99, branchLength: 20, branches: 2, snapshots: envs.snapshot().envs, observations: request.observations, rngs: splitRng(rngStateFromSeed(5), 2) };
  const task: RolloutTask = { taskId: 'b', version: 'v', envId: 'CartPole-v1', work };
  const branches = sampleBranches(env, branchRequestOf(release, work));
  const decoded = decodeResult(expectationOf(task, spec))(encodeResult({ taskId: 'b', version: 'v', output: { _tag: 'branches', branches } }));
  assert.ok(E.isRight(decoded));
  const again = decodeTask(encodeTask(task));
  if (E.isLeft(again) || again.right.work._tag !== 'branches') throw new Error('did not decode');
  assert.equal(sampleBranches(makeEnv('CartPole-v1'), branchRequestOf(release, again.right.work)), branches);
});

const refused = (either: E.Either<{ message: string }, unknown>, fragment: string) => {
  assert.ok(E.isLeft(either), `accepted; expected a refusal mentioning ${fragment}`);
  assert.match(either.left.message, fragment);
};

test('undecodable tasks are refused with a message, never thrown', () => {
  const { task } = setup();
  const text = encodeTask(task);
  refused(decodeTask('{not json'), 'rollout task');
  refused(decodeTask(42), 'expected JSON text');
  refused(decodeTask(JSON.stringify({ format: 'other' })), 'format');
  refused(decodeTask(text.replace('"stepsPerEnv":210', '"stepsPerEnv":-1')), 'stepsPerEnv');
  const tree = JSON.parse(text) as { work: { rngs: unknown[] } };
  tree.work.rngs.pop();
  refused(decodeTask(JSON.stringify(tree)), '2 generators for 3 envs');
  const bad64 = JSON.parse(text) as { work: { observations: { $array: { base64: string } } } };
  bad64.work.observations.$array.base64 = '@@@@';
  refused(decodeTask(JSON.stringify(bad64)), 'invalid base64');
});

test('a malformed or mismatched result is refused', () => {
  const { release, task, result } = setup();
  const expect = decodeResult(expectationOf(task, release.policySpec));
  const seg = result.output.segment;
  refused(expect(encodeResult({ ...result, taskId: 't-2' })), 'expected task t-1');
  refused(expect(encodeResult({ ...result, version: 'v-0' })), 'policy v-0');
  refused(expect(encodeResult({ ...result, output: { ...result.output, segment: { ...seg, rewards: seg.rewards.subarray(1) } } })), 'rewards has 629 values, expected 630');
  const nan = Float32Array.from(seg.actions);
  nan[7] = NaN;
  refused(expect(encodeResult({ ...result, output: { ...result.output, segment: { ...seg, actions: nan } } })), 'non-finite');
  refused(expect(encodeResult({ ...result, output: { ...result.output, segment: { ...seg, terminated: new Uint8Array(seg.terminated.length).fill(2) } } })), 'other than 0 and 1');
  refused(expect(encodeResult({ ...result, output: { ...result.output, segment: { ...seg, observations: new Float64Array(seg.observations) as unknown as Float32Array } } })), 'float32');
  refused(expect(encodeResult({ ...result, output: { ...result.output, envs: result.output.envs.slice(1) } })), '2 env snapshots');
  refused(expect(JSON.stringify(encodeTree({ format: 'trpo-rollout-result/1', taskId: 't-1', version: 'v-1', output: { _tag: 'branches' } }))), 'rollout result');
});

test('a release whose weights do not fit its spec is refused', () => {
  const { release, spec } = setup();
  refused(decodeRelease(encodeRelease({ ...release, policyParams: release.policyParams.subarray(1) })), 'the spec needs');
  const stats = release.observationStats as NonNullable<typeof release.observationStats>;
  refused(decodeRelease(encodeRelease({ ...release, observationStats: { ...stats, mean: stats.mean.subarray(1), m2: stats.m2.subarray(1) } })), `${observationDim(spec)} coordinates`);
  assert.is(actionWidth(spec), 1);
});

test.run();
