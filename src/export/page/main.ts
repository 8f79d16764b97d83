/**
 * The script of the page `trpo export` writes (bundled into page.js): loads model.json with
 * `tf.loadLayersModel`, rebuilds the package's policy from the model's weights and metadata, plays
 * a seeded episode on the package's own env code and animates it on the canvas, 50 frames a
 * second, then the next seed. `?seed=N` picks the first seed, `?frame=N` stops at frame N (for
 * pictures). The first episode's actions are left on `window.trpoExport` for tests.
 *
 * @module
 */
import * as tf from '@tensorflow/tfjs';
import { isMinAtarEnvId } from '../../envs/minatar/minatarEnv.js';
import { makeEnvAsync } from '../../envs/registry.js';
import type { Canvas2D } from './drawEnv.js';
import { drawObservation } from './drawEnv.js';
import { savedPolicyFromExport } from '../exportedPolicy.js';
import type { PlayedEpisode } from './playExported.js';
import { playExported } from './playExported.js';

/** The browser globals the page uses (the package compiles without the DOM library). */
interface PageElement {
  textContent: string | null;
  width: number;
  height: number;
  getContext?(kind: '2d'): Canvas2D | null;
}
interface PageGlobals {
  readonly location: { readonly search: string; readonly href: string };
  readonly document: { getElementById(id: string): PageElement | null };
  requestAnimationFrame(callback: (time: number) => void): number;
  trpoExport?: unknown;
}

const page = globalThis as unknown as PageGlobals;
const element = (id: string): PageElement => {
  const found = page.document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found;
};
const status = element('status'), check = element('check'), canvas = element('frame');

/** What the page leaves on `window.trpoExport` for a test: the first episode, or what went wrong. */
type PageResult = { readonly ok: true; readonly env: string; readonly episode: Omit<PlayedEpisode, 'observations'> } | { readonly ok: false; readonly error: string };

const start = async (): Promise<void> => {
  await tf.setBackend('cpu');
  // an absolute URL: tfjs resolves the weights file against it (a bare 'model.json' would put it at the site root)
  const model = await tf.loadLayersModel(new URL('model.json', page.location.href).href);
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const loaded = savedPolicyFromExport(model.getUserDefinedMetadata(), weights);
  if (loaded._tag === 'Left') throw new Error(loaded.left);
  const saved = loaded.right;
  const env = await makeEnvAsync(saved.env);
  const network = saved.spec.network;
  const grid = isMinAtarEnvId(saved.env) && network.kind === 'conv' ? network.inputShape : null;
  const predict = (input: Float32Array) => tf.tidy(() => (model.predict(tf.tensor2d(input, [1, input.length])) as tf.Tensor).dataSync() as Float32Array);
  const params = new URLSearchParams(page.location.search);
  const firstSeed = Number(params.get('seed') ?? 0), stopAt = params.has('frame') ? Number(params.get('frame')) : null;
  const ctx = canvas.getContext?.('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const frame = { ctx, width: canvas.width, height: canvas.height };
  let episode = playExported(env, saved, firstSeed, predict);
  const { observations: _observations, ...first } = episode;
  page.trpoExport = { ok: true, env: saved.env, episode: first } satisfies PageResult;
  check.textContent =
    `tfjs model against the package's forward pass on this episode: largest output difference ${episode.modelMaxDifference.toExponential(2)}` +
    (saved.spec.head === 'categorical' ? `, argmax disagreements ${episode.modelArgmaxDisagreements}` : '') +
    '. Actions come from the package\'s forward pass (the same float64 arithmetic as trpo eval).';
  let t = 0, last = -Infinity;
  const show = (time: number) => {
    if (time - last >= 20) {
      last = time;
      drawObservation(frame, saved.env, episode.observations[t], grid);
      const sum = episode.rewards.slice(0, t).reduce((a, b) => a + b, 0);
      status.textContent = `${saved.env} · policy of iteration ${saved.iteration} (${saved.timesteps} steps) · seed ${episode.seed} · step ${t} of ${episode.length} · return ${sum.toFixed(1)}`;
      if (stopAt !== null && t >= stopAt) return;
      t += 1;
      if (t >= episode.observations.length) {
        episode = playExported(env, saved, episode.seed + 1, predict);
        t = 0;
      }
    }
    page.requestAnimationFrame(show);
  };
  page.requestAnimationFrame(show);
};

start().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  status.textContent = `could not run the exported policy: ${message}`;
  page.trpoExport = { ok: false, error: message } satisfies PageResult;
});
