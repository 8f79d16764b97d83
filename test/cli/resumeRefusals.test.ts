// `trpo train --resume` on a damaged, foreign or mismatched run directory: exit 2, a message that
// names the file and the problem, no stack trace, and the directory byte-identical afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeTree } from '../../src/streams/stateCodec.js';
import { hashTree, runCli } from './cliProcess.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-refusals-'));
const config = path.join(scratch, 'small.json');
writeFileSync(config, JSON.stringify({ numEnvs: 2, stepsPerEnv: 100, policy: { hiddenSizes: [16] }, value: { hiddenSizes: [16], epochs: 1 } }));
const cartPole = path.join(scratch, 'cartpole'), pendulum = path.join(scratch, 'pendulum');

type Json = Record<string, any>; // any: the cases edit arbitrary fields of saved JSON
const read = (dir: string, name: string) => readFileSync(path.join(dir, name), 'utf8');
const write = (dir: string, name: string, text: string) => writeFileSync(path.join(dir, name), text);
const editJson = (name: string, edit: (value: Json) => void) => (dir: string) => {
  const value = JSON.parse(read(dir, name)) as Json;
  edit(value);
  write(dir, name, JSON.stringify(value));
};
/** Replaces one base64 character of a weight vector by another letter: valid base64, other bytes. */
const flipWeight = (name: string, field: (v: Json) => Json) =>
  editJson(name, (v) => {
    const encoded = field(v).$array as { base64: string };
    encoded.base64 = `${encoded.base64[0] === 'A' ? 'B' : 'A'}${encoded.base64.slice(1)}`;
  });

/** A refusal: which run it starts from, how it is damaged, and what stderr must say. */
interface RefusalCase {
  readonly name: string;
  readonly base: 'cartpole' | 'pendulum';
  readonly damage: (dir: string) => void;
  readonly message: RegExp;
}

/** Every damaged run directory this suite tries (exported so the cases can be counted). */
export const refusalCases: readonly RefusalCase[] = [
  { name: 'foreign checkpoint (CartPole checkpoint in a Pendulum run)', base: 'pendulum', damage: (d) => write(d, 'checkpoint.json', read(cartPole, 'checkpoint.json')), message: /checkpoint\.json: belongs to a CartPole-v1 run, but config\.json says env Pendulum-v1/ },
  {
    name: 'foreign checkpoint that does not name its env',
    base: 'pendulum',
    damage: (d) => write(d, 'checkpoint.json', JSON.stringify({ ...JSON.parse(read(cartPole, 'checkpoint.json')), env: undefined, metrics: undefined })),
    message: /checkpoint\.json: holds a policy with a categorical\(2\) head on an MLP 4→16→2 tanh, but config\.json on Pendulum-v1 implies a gaussian\(1\) head on an MLP 3→16→1 tanh/,
  },
  { name: 'policy architecture edited in config.json', base: 'cartpole', damage: editJson('config.json', (c) => (c.policy.hiddenSizes = [32])), message: /checkpoint\.json: holds a policy .*MLP 4→16→2 tanh, but config\.json on CartPole-v1 implies .*MLP 4→32→2 tanh/ },
  { name: 'policy activation edited in config.json', base: 'cartpole', damage: editJson('config.json', (c) => (c.policy.activation = 'relu')), message: /implies a categorical\(2\) head on an MLP 4→16→2 relu/ },
  { name: 'value architecture edited in config.json', base: 'pendulum', damage: editJson('config.json', (c) => (c.value.hiddenSizes = [16, 16])), message: /value network MLP 3→16→1 tanh, but config\.json on Pendulum-v1 implies MLP 3→16→16→1 tanh/ },
  { name: 'numEnvs edited in config.json', base: 'cartpole', damage: editJson('config.json', (c) => (c.numEnvs = 3)), message: /holds 2 envs, but config\.json says numEnvs 3/ },
  { name: 'observation normalization switched in config.json', base: 'pendulum', damage: editJson('config.json', (c) => (c.normalizeObservations = !c.normalizeObservations)), message: /was made with normalizeObservations (true|false), but config\.json says/ },
  { name: 'value target normalization switched in config.json', base: 'cartpole', damage: editJson('config.json', (c) => (c.value.normalizeTargets = !c.value.normalizeTargets)), message: /was made with value\.normalizeTargets/ },
  {
    name: 'method edited in config.json (the checkpoint holds the state of another rule)',
    base: 'cartpole',
    damage: editJson('config.json', (c) => (c.method = 'cem')),
    message: /checkpoint\.json: holds the state of update rule 'trpo', but config\.json says method 'cem' \(update rule 'cem'\): it belongs to a run of another method/,
  },
  {
    name: 'checkpoint of an npg run in a trpo run',
    base: 'pendulum',
    damage: editJson('checkpoint.json', (c) => (c.state.rule = { name: 'natural-gradient', state: { updates: 3, accepted: 3 } })),
    message: /checkpoint\.json: holds the state of update rule 'natural-gradient', but config\.json says method 'trpo' \(update rule 'trpo'\)/,
  },
  { name: 'truncated checkpoint.json', base: 'cartpole', damage: (d) => write(d, 'checkpoint.json', read(d, 'checkpoint.json').slice(0, 2500)), message: /checkpoint\.json: unreadable checkpoint/ },
  { name: 'empty checkpoint.json', base: 'cartpole', damage: (d) => write(d, 'checkpoint.json', ''), message: /checkpoint\.json: unreadable checkpoint/ },
  { name: 'checkpoint.json of another format', base: 'cartpole', damage: editJson('checkpoint.json', (c) => (c.format = 'trpo-state/9')), message: /checkpoint\.json: not a trpo-state\/1 checkpoint \(format "trpo-state\/9"\)/ },
  { name: 'checkpoint.json with weights of a ragged byte length', base: 'cartpole', damage: editJson('checkpoint.json', (c) => (c.state.policyParams.$array.base64 = c.state.policyParams.$array.base64.slice(8))), message: /checkpoint\.json: unreadable checkpoint: state\.policyParams: float32 array of \d+ bytes/ },
  { name: 'checkpoint.json with a character that is not base64', base: 'pendulum', damage: editJson('checkpoint.json', (c) => (c.state.valueParams.$array.base64 = `#${c.state.valueParams.$array.base64.slice(1)}`)), message: /checkpoint\.json: unreadable checkpoint: state\.valueParams: invalid base64 character "#" at 0/ },
  { name: 'checkpoint.json with weights cut short', base: 'cartpole', damage: editJson('checkpoint.json', (c) => (c.state.policyParams.$array.base64 = c.state.policyParams.$array.base64.slice(16))), message: /checkpoint\.json: invalid checkpoint: .*policyParams has \d+ weights, the policy spec needs \d+/ },
  { name: 'checkpoint.json with a counter of the wrong type', base: 'cartpole', damage: editJson('checkpoint.json', (c) => (c.state.iteration = '3')), message: /checkpoint\.json: invalid checkpoint: state\.iteration: expected a non-negative integer, got "3"/ },
  { name: 'checkpoint.json with a typed array of the wrong dtype', base: 'pendulum', damage: editJson('checkpoint.json', (c) => (c.state.observations.$array.dtype = 'float64')), message: /state\.observations: expected a float32 array, got a Float64Array/ },
  {
    name: "checkpoint.json whose env snapshot does not fit the env",
    base: 'cartpole',
    damage: editJson('checkpoint.json', (c) => (c.state.envs.envs[1].state = encodeTree(new Float64Array(3)))),
    message: /checkpoint\.json: env 1's snapshot does not fit CartPole-v1: .*must have 4 entries, got 3/,
  },
  { name: 'truncated policy.json', base: 'cartpole', damage: (d) => write(d, 'policy.json', read(d, 'policy.json').slice(0, 300)), message: /policy\.json: not a policy file/ },
  { name: 'policy.json with one weight changed', base: 'cartpole', damage: flipWeight('policy.json', (p) => p.params), message: /policy\.json: differs from checkpoint\.json at iteration 3 .*damaged/ },
  { name: 'policy.json of another env', base: 'cartpole', damage: (d) => write(d, 'policy.json', read(pendulum, 'policy.json')), message: /policy\.json: belongs to a Pendulum-v1 run, but config\.json says env CartPole-v1/ },
  { name: 'policy.json older than checkpoint.json', base: 'pendulum', damage: editJson('policy.json', (p) => (p.iteration = 1)), message: /policy\.json: is from iteration 1, older than checkpoint\.json's iteration 3/ },
  { name: 'policy.json missing', base: 'pendulum', damage: (d) => rmSync(path.join(d, 'policy.json')), message: /policy\.json: is missing, but checkpoint\.json is at iteration 3/ },
  { name: 'checkpoint beyond metrics.jsonl', base: 'cartpole', damage: (d) => write(d, 'metrics.jsonl', read(d, 'metrics.jsonl').split('\n').slice(0, 2).join('\n') + '\n'), message: /metrics\.jsonl: holds 2 complete lines .*checkpoint\.json is at iteration 3, line 3 .*ends at iteration 2/ },
  { name: 'metrics.jsonl missing', base: 'pendulum', damage: (d) => rmSync(path.join(d, 'metrics.jsonl')), message: /metrics\.jsonl: holds 0 complete lines .*has no complete line/ },
  { name: "metrics.jsonl of another run", base: 'pendulum', damage: (d) => write(d, 'metrics.jsonl', read(cartPole, 'metrics.jsonl')), message: /metrics\.jsonl: (does not match checkpoint\.json: line 3 ends at byte \d+, not \d+|line 3 reports episode means .* it belongs to another run)/ },
  {
    // another run's file whose line 3 ends before the checkpoint's recorded byte: still "does not match"
    name: 'metrics.jsonl of another run, shorter than the recorded position',
    base: 'pendulum',
    damage: (d) => write(d, 'metrics.jsonl', read(cartPole, 'metrics.jsonl').replace(/"wallSeconds":[0-9.e-]+/g, '"wallSeconds":0')),
    message: /metrics\.jsonl: does not match checkpoint\.json: line 3 ends at byte \d+, not \d+/,
  },
  {
    // same bytes, same iteration and timesteps: only the line's content tells it apart
    name: "metrics.jsonl whose checkpointed line was edited in place",
    base: 'cartpole',
    damage: (d) => {
      const lines = read(d, 'metrics.jsonl').split('\n');
      lines[2] = lines[2].replace(/"episodeLengthMean":(\d)/, (_, digit: string) => `"episodeLengthMean":${(Number(digit) + 1) % 10}`);
      write(d, 'metrics.jsonl', lines.join('\n'));
    },
    message: /metrics\.jsonl: line 3 reports episode means .* it belongs to another run/,
  },
  {
    name: 'legacy checkpoint (no recorded position) beyond metrics.jsonl',
    base: 'cartpole',
    damage: (d) => {
      editJson('checkpoint.json', (c) => (c.metrics = undefined))(d);
      write(d, 'metrics.jsonl', read(d, 'metrics.jsonl').split('\n').slice(0, 1).join('\n') + '\n');
    },
    message: /metrics\.jsonl: has no line for checkpoint\.json's iteration 3 \(it ends at iteration 1\)/,
  },
];

test('two small runs to damage (CartPole-v1 and Pendulum-v1, 3 iterations each)', () => {
  for (const [env, out] of [['CartPole-v1', cartPole], ['Pendulum-v1', pendulum]]) {
    const r = runCli('train', '--env', env, '--steps', '600', '--config', config, '--out', out, '--workers', '1');
    assert.is(r.code, 0, r.stderr);
  }
});

for (const [i, { name, base, damage, message }] of refusalCases.entries()) {
  test(`resume refuses: ${name} → exit 2, a clear message, the directory unchanged`, () => {
    const dir = path.join(scratch, `case-${i}`);
    cpSync(base === 'cartpole' ? cartPole : pendulum, dir, { recursive: true });
    damage(dir);
    const before = hashTree(dir);
    const r = runCli('train', '--resume', dir, '--steps', '1000', '--workers', '1');
    assert.is(r.code, 2, `exit ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /nothing was changed/);
    assert.not.match(r.stderr, /\n\s+at /, 'stack trace printed');
    assert.equal(hashTree(dir), before, 'the run directory changed');
  });
}

test('the undamaged runs still resume (the cases above fail for their damage only)', () => {
  for (const out of [cartPole, pendulum]) {
    const r = runCli('train', '--resume', out, '--steps', '1000', '--workers', '1');
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /resuming at step 600/);
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
