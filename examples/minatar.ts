// One MinAtar episode: Seaquest without sticky actions, diving and firing until the game ends
// (an enemy, or the oxygen running out). Run: node --import tsx examples/minatar.ts
import { makeEnv } from 'trpo-streams';

const env = makeEnv('MinAtar/Seaquest-v1', { stickyActionProb: 0, difficultyRamping: true }); // snake_case accepted too
let observation = env.reset(0); // Float32Array(10 · 10 · 10), 0/1 in C order [row][col][channel]
let total = 0, steps = 0;
for (let done = false; !done; steps++) {
  const step = env.step(steps % 2 === 0 ? 4 : 5); // v1 actions: 4 = down, 5 = fire
  [observation, total, done] = [step.observation, total + step.reward, step.terminated];
}
console.log(`Seaquest: ${steps} steps, return ${total}, ${observation.length} values per observation`);
