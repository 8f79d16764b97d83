// The smallest training program: TRPO on CartPole-v1, printing each iteration's metrics.
// Run: npm run build && node --import tsx examples/quickStart.ts
import * as E from 'fp-ts/lib/Either.js';
import { take, tap } from 'rxjs';
import { envIds, resolveConfig, train } from 'trpo-streams';

const config = resolveConfig({ env: 'CartPole-v1', knownEnvs: envIds, flags: { seed: 1 } });
if (E.isLeft(config)) throw new Error(JSON.stringify(config.left));
train(config.right)
  .pipe(
    take(5),
    tap((m) => console.log(`iteration ${m.iteration}: return ${m.episodeReturnMean?.toFixed(1)}, kl ${m.kl.toExponential(2)}`)),
  )
  .subscribe();
