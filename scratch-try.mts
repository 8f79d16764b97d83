import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom, toArray } from 'rxjs';
import { resolveConfig } from './src/config/presets.js';
import { envIds } from './src/envs/registry.js';
import { rwrRule } from './src/rules/rwr.js';
import { empiricalFisherRule } from './src/rules/empiricalFisher.js';
import { isIterationEvent, trainEvents } from './src/streams/train.js';
const [env, steps, which, ...rest] = process.argv.slice(2);
const r = resolveConfig({ env, knownEnvs: envIds, file: { totalSteps: Number(steps) }, flags: { backend: 'wasm' } });
if (E.isLeft(r)) throw new Error('cfg');
const config = r.right;
const o = rest.length ? JSON.parse(rest[0]) : {};
const rule = which === 'rwr' ? rwrRule(o) : which === 'ef' ? empiricalFisherRule(config.trpo) : undefined;
const t0 = Date.now();
const events = await lastValueFrom(trainEvents(config, rule ? { update: () => rule } : {}).pipe(filter(isIterationEvent), toArray()));
for (const e of events) { const m = e.metrics; console.log(m.iteration, m.episodeReturnMean?.toFixed(1), m.kl.toFixed(4), m.entropy.toFixed(3), JSON.stringify(m.diagnostics)); }
console.log('seconds', (Date.now() - t0) / 1000);
