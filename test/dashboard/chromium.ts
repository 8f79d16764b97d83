// Debian's chromium driven by playwright-core, for the browser tests. Never downloads a browser:
// without /usr/bin/chromium the tests fail with a message (.ci/run installs it).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh chromium profile with one page; `close` ends the browser and removes the profile. */
export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Messages the page logged as errors (uncaught exceptions included). */
  readonly errors: string[];
  readonly close: () => Promise<void>;
}

/** Launches chromium with a fresh --user-data-dir; throws a clear error when chromium is missing. */
export const launchChromium = async (viewport = { width: 1280, height: 900 }): Promise<Browser> => {
  if (!existsSync(chromiumPath))
    throw new Error(`chromium is missing (${chromiumPath}): the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it)`);
  const profile = mkdtempSync(path.join(tmpdir(), 'trpo-chromium-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: flags, viewport, timeout: 60_000 });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const opened = context;
    return {
      context: opened,
      page,
      errors,
      close: async () => {
        await opened.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
};

/**
 * Where a test saves a screenshot: `TRPO_SCREENSHOT_DIR` (the pictures in docs/ come from
 * `TRPO_SCREENSHOT_DIR=docs node test/run.mjs 'dashboard|export'`), else the system's temp folder,
 * so an ordinary test run leaves the checkout as it was.
 */
export const screenshotPath = (file: string): string => path.join(process.env.TRPO_SCREENSHOT_DIR ?? tmpdir(), file);
