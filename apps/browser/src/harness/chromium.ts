import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium package; `LAB_CHROMIUM` names another executable. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium executable to drive, or undefined when there is none (the tests then skip, saying so). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.LAB_CHROMIUM || DEFAULT_CHROMIUM;
  return existsSync(path) ? path : undefined;
}

/**
 * Flags for a quiet, reproducible headless run: no sandbox (containers, root), no GPU, and none of
 * the first-run, sync, component-update or background requests a fresh profile would make.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * Runs `use` with headless Chromium on a fresh, throwaway profile (`--user-data-dir`), then closes
 * the browser and removes the profile, whatever happened. Playwright drives the given executable;
 * it downloads no browser.
 */
export async function withChromium<T>(executablePath: string, use: (browser: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'lab-chromium-'));
  try {
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
    try {
      return await use(browser);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
