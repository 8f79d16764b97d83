import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { isMujocoEnvId, makeEnvAsync } from '../envs/registry.js';
import { exportMetadataOf } from '../export/exportedPolicy.js';
import { exportPageHtml } from '../export/exportPage.js';
import { readSavedPolicy } from '../node/loadPolicy.js';
import { PolicyEnvMismatchError, policyEnvMismatch, policyFromSaved } from '../streams/loadedPolicy.js';
import { requireKnownEnv } from './envModule.js';
import { checkNewRunDirectory } from './outputPaths.js';
import { RunError, UserError, fsyncDirectory } from './runFiles.js';

/** Flags of `trpo export`. */
export interface ExportFlags {
  readonly run: string;
  readonly out: string;
}

/** The page script `npm run build` bundles (scripts/bundle-page.mjs), next to this module's folder in dist/. */
const pageScript = fileURLToPath(new URL('../export/page.js', import.meta.url));

/**
 * `trpo export`: the run's policy as a TensorFlow.js layers model (model.json with the normalizer
 * and action mapping in `userDefinedMetadata`, weights.bin) and a page (index.html, page.js) that
 * plays it on the package's env code. Everything is checked, then written to a temporary sibling
 * folder that is renamed to `--out` at the end, so a failure leaves nothing half-written.
 */
export const exportCommand = async (flags: ExportFlags): Promise<void> => {
  const saved = readSavedPolicy(flags.run);
  if (E.isLeft(saved)) throw new UserError(saved.left.message);
  const policy = saved.right;
  requireKnownEnv(policy.env);
  checkNewRunDirectory(flags.out, 'export folder');
  if (!existsSync(pageScript)) throw new RunError(`the page script ${pageScript} is missing: run npm run build`);
  const env = await makeEnvAsync(policy.env);
  const mismatch = policyEnvMismatch(policyFromSaved(policy), env);
  const space = env.actionSpace;
  env.close();
  if (mismatch) throw new PolicyEnvMismatchError(`policy for ${policy.env}: ${mismatch}`);
  const metadata = exportMetadataOf(policy, space._tag === 'Box' ? { low: Array.from(space.low), high: Array.from(space.high) } : null);
  const { modelFiles, weightsFileName } = await import('../export/tfjsModel.js');
  const { selectBackend } = await import('../policies/backend.js');
  await selectBackend('cpu');
  const files = await modelFiles(policy, metadata);
  const target = path.resolve(flags.out);
  const temporary = `${target}.${process.pid}.tmp`;
  mkdirSync(path.dirname(target), { recursive: true });
  mkdirSync(temporary);
  try {
    writeFileSync(path.join(temporary, 'model.json'), files.modelJson);
    writeFileSync(path.join(temporary, weightsFileName), files.weights);
    writeFileSync(path.join(temporary, 'index.html'), exportPageHtml(metadata));
    copyFileSync(pageScript, path.join(temporary, 'page.js'));
    fsyncDirectory(temporary);
    if (existsSync(target) && readdirSync(target).length === 0) rmdirSync(target);
    renameSync(temporary, target);
    fsyncDirectory(path.dirname(target));
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  const playable = isMujocoEnvId(policy.env) ? ' (the page cannot play MuJoCo envs; the model is usable as is)' : '';
  console.log(`exported ${policy.env} policy (iteration ${policy.iteration}) to ${flags.out}: model.json, ${weightsFileName}, index.html, page.js${playable}`);
  console.log(`serve the folder over http (e.g. python3 -m http.server -d ${flags.out}) and open index.html`);
};
