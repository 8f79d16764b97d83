// Every env the page draws, in a real browser: an episode of an untrained policy, played through
// `rollouts` in an env of its own, animates on the canvas. Saves docs/dashboard-play-*.png.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { drawnEnvIds } from '../../src/export/page/drawEnv.js';
import { makeEnvAsync } from '../../src/envs/registry.js';
import { playEpisode } from '../../src/node/dashboard/playEpisode.js';
import { startDashboardServer } from '../../src/node/dashboard/server.js';
import { initialTrainingState, makeVectorEnv } from '../../src/streams/train.js';
import { launchChromium, screenshotPath } from './chromium.js';
import { canvasLook, textOf, waitFor } from './inPage.js';
import { shortConfig } from './liveRun.js';

const envs = [...drawnEnvIds, 'MinAtar/Breakout-v1', 'MinAtar/Seaquest-v1'];

test('each pictured env draws and animates on the canvas', async () => {
  const server = await startDashboardServer({ mode: 'live', title: 'scenes', port: 0 });
  const browser = await launchChromium({ width: 1000, height: 1300 });
  try {
    const { page } = browser;
    await page.goto(server.url);
    for (const [k, id] of envs.entries()) {
      const config = shortConfig({ env: id });
      const state = initialTrainingState(config, await makeVectorEnv(config));
      const play = playEpisode(await makeEnvAsync(id), state, { seed: 7, maxSteps: 300 });
      assert.ok(play.observations.length >= 2, `${id}: an episode of at least one step`);
      server.setLatest('play', play);
      await waitFor(page, `p.plays === ${k + 1} && p.framesDrawn > 0`);
      const looks = new Set<number>();
      let ink = 0;
      for (let i = 0; i < 8; i++) {
        await page.waitForTimeout(60);
        const seen = await canvasLook(page, '#play');
        looks.add(seen.fingerprint);
        ink = Math.max(ink, seen.ink);
      }
      assert.ok(ink > 500, `${id}: the scene is drawn (${ink} ink pixels)`);
      assert.ok(looks.size >= 3, `${id}: the canvas changes as the episode plays (${looks.size} looks in 8 samples)`);
      const caption = await textOf(page, '#play + .note');
      assert.match(caption, /reset seed 7: step \d+ of \d+/, id);
      await page.locator('#play').screenshot({ path: screenshotPath(`dashboard-play-${id.replace(/^MinAtar\//, 'minatar-').replace(/-v\d$/, '').toLowerCase()}.png`) });
    }
    assert.equal(browser.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test.run();
