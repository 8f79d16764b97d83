// A live dashboard for a run started in code: the page at the printed URL draws the run's events
// as they come, and the policy plays on a canvas. Usage: npx tsx examples/dashboard.ts [PORT]
import * as E from 'fp-ts/lib/Either.js';
import { filter, lastValueFrom } from 'rxjs';
import { envIds, isIterationEvent, resolveConfig, trainEvents } from 'trpo-streams';
import { startDashboardServer, trainingPublisher } from 'trpo-streams/node';

const config = resolveConfig({ env: 'CartPole-v1', knownEnvs: envIds, flags: { seed: 0, totalSteps: 10_000 } });
if (E.isLeft(config)) throw new Error(JSON.stringify(config.left));

const server = await startDashboardServer({ mode: 'live', title: 'CartPole-v1 from code', port: Number(process.argv[2] ?? 8080) });
const publisher = await trainingPublisher(server, { config: config.right, dir: 'in memory' });
console.log(`dashboard: ${server.url}`);

const events = trainEvents(config.right); // multicast: the dashboard and this program share one run
events.subscribe(publisher.observer);
const last = await lastValueFrom(events.pipe(filter(isIterationEvent)));
publisher.end({ state: 'finished' });
await server.close();
console.log(`trained ${last.metrics.timesteps} steps, ${server.log.lastId} events served, return ${last.metrics.episodeReturnMean?.toFixed(1)}`);
