// One run, several subscribers: a console view prints episodes from trainEvents as they finish,
// while a second subscriber writes metrics.jsonl. Both see the same single run.
// Run: npm run build && node --import tsx examples/consoleView.ts [OUT_DIR]
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom } from 'rxjs';
import type { EpisodeEvent } from 'trpo-streams';
import { envIds, isIterationEvent, resolveConfig, trainEvents } from 'trpo-streams';

const config = resolveConfig({ env: 'CartPole-v1', knownEnvs: envIds, flags: { seed: 0, totalSteps: 20_000 } });
if (E.isLeft(config)) throw new Error(JSON.stringify(config.left));

const dir = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), 'trpo-console-'));
const metricsFile = path.join(dir, 'metrics.jsonl');
const events = trainEvents(config.right); // multicast: every subscriber shares this one run

let episodes = 0;
events.pipe(filter((e): e is EpisodeEvent => e._tag === 'episode')).subscribe((e) => {
  episodes += 1;
  if (episodes % 25 === 0) console.log(`episode ${episodes} (env ${e.env}, iteration ${e.iteration}): return ${e.return}, ${e.terminated ? 'terminated' : 'truncated'}`);
});
const written = lastValueFrom(events.pipe(filter(isIterationEvent))).then(() => metricsFile);
events.pipe(filter(isIterationEvent)).subscribe(({ metrics }) => appendFileSync(metricsFile, `${JSON.stringify(metrics)}\n`));

const file = await written;
console.log(`${episodes} episodes; metrics in ${file}`);
