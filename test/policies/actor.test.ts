import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { makeActor } from '../../src/policies/actor.js';
import { plainNetworkOf } from '../../src/policies/networkSpec.js';
import { logStdOffset, policyParameterCount, policySpec } from '../../src/policies/policySpec.js';

const rng = new Rng(rngStateFromSeed(30));
const rows = 64;
const observations = Float32Array.from({ length: rows * 4 }, () => rng.normal());

// That this forward agrees with the tfjs one learning uses is a law of every network kind (test/policies/network.test.ts).
test("the mode acts on the network's plain-TS forward: the argmax of the logits, or the Gaussian mean", () => {
  for (const head of ['categorical', 'gaussian'] as const) {
    const spec = policySpec({ observationDim: 4, head, actionSize: 3, hiddenSizes: [16, 16], activation: 'tanh' });
    const network = plainNetworkOf(spec.network);
    const params = new Float32Array(policyParameterCount(spec));
    params.set(network.init({ outputGain: 1 }, rng));
    const outputs = new Float64Array(rows * 3);
    network.compile(params)(observations, rows, outputs);
    const actions = new Float32Array(rows * (head === 'categorical' ? 1 : 3));
    makeActor(spec, params, rows, 'mode').act(observations, rows, actions, null);
    for (let r = 0; r < rows; r++) {
      const out = Array.from(outputs.subarray(r * 3, r * 3 + 3));
      if (head === 'categorical') assert.is(actions[r], out.indexOf(Math.max(...out)));
      else out.forEach((v, j) => assert.is(actions[r * 3 + j], Math.fround(v)));
    }
  }
});

test('sampled actions follow the policy: Gaussian spread is exp(log-std), categorical frequencies follow softmax', () => {
  const spec = policySpec({ observationDim: 4, head: 'gaussian', actionSize: 1, hiddenSizes: [8], activation: 'tanh' });
  const params = new Float32Array(policyParameterCount(spec)); // zero weights: mean 0
  params[logStdOffset(spec)] = Math.log(0.3);
  const actor = makeActor(spec, params, 1, 'sample');
  const out = new Float32Array(1);
  const draws = Array.from({ length: 20_000 }, () => (actor.act(observations, 1, out, [rng]), out[0]));
  const std = Math.sqrt(draws.reduce((s, x) => s + x * x, 0) / draws.length);
  assert.ok(Math.abs(std - 0.3) < 0.01, `std ${std}`);
  const cat = policySpec({ observationDim: 4, head: 'categorical', actionSize: 2, hiddenSizes: [8], activation: 'tanh' });
  const p = new Float32Array(policyParameterCount(cat));
  p[p.length - 1] = Math.log(3); // output bias: logits [0, ln 3] → p = [0.25, 0.75]
  const catActor = makeActor(cat, p, 1, 'sample');
  const ones = Array.from({ length: 20_000 }, () => (catActor.act(observations, 1, out, [rng]), out[0])).filter((a) => a === 1).length;
  assert.ok(Math.abs(ones / 20_000 - 0.75) < 0.01, `${ones}`);
});

test.run();
