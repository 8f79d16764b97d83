// Conv-policy acting per observation, the TS forward pass against tfjs, at the observations one
// sampling worker acts on per call: a run's 8 envs split over 4, 2 or 1 workers give 2, 4 or 8
// (16 for reference). Each call on consecutive frames of a recorded batch; tfjs includes the upload
// and the read-back that acting needs. Medians of 5 rounds, TS and tfjs alternating.
import * as tf from '@tensorflow/tfjs';
import type { PolicySpec } from '../src/policies/policySpec.js';
import { observationDim } from '../src/policies/policySpec.js';
import { plainNetworkOf } from '../src/policies/networkSpec.js';
import { networkOf } from '../src/policies/network.js';
import { withTensors } from '../src/policies/tensorScope.js';
import { median } from './timing.js';


/** Records `<name>: acting, R observations a call: TS / tfjs (µs per observation)` for R in 2, 4, 8, 16. */
export const benchConvActing = (record: (name: string, value: string) => void, name: string, spec: PolicySpec, params: Float32Array, observations: Float32Array, frames: number): void => {
  const obsDim = observationDim(spec);
  const forward = plainNetworkOf(spec.network).compile(params);
  const network = networkOf(spec.network);
  const out = new Float64Array(spec.network.outputDim * 16);
  for (const rows of [2, 4, 8, 16]) {
    const calls = Math.floor(frames / rows);
    const slice = (c: number) => observations.subarray(c * rows * obsDim, (c + 1) * rows * obsDim);
    const ts: number[] = [], tfjs: number[] = [];
    for (let round = 0; round < 5; round++) {
      let t = performance.now();
      for (let c = 0; c < calls; c++) forward(slice(c), rows, out);
      ts.push(((performance.now() - t) * 1000) / (calls * rows));
      t = performance.now();
      for (let c = 0; c < calls; c++) withTensors(() => void network.forward(params, tf.tensor2d(slice(c), [rows, obsDim])).dataSync());
      tfjs.push(((performance.now() - t) * 1000) / (calls * rows));
    }
    record(`${name}: acting, ${rows} observations a call: TS / tfjs (µs per observation)`, `${median(ts).toFixed(1)} / ${median(tfjs).toFixed(1)}`);
  }
};
