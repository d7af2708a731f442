import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundlePage } from '../src/harness/bundle';
import { DEFAULT_CHROMIUM, findChromium, withChromium } from '../src/harness/chromium';
import { servePage } from '../src/harness/serve';
import { runCases } from '../src/page/cases';
import type { PageResult } from '../src/page/test-page';

const executable = findChromium();
const where = process.env.LAB_CHROMIUM || DEFAULT_CHROMIUM;

/** Loads the bundled test page in headless Chromium and returns what it left on window, and any console error. */
async function runPageInChromium(chromium: string): Promise<{ result: PageResult; errors: string[] }> {
  const script = await bundlePage(fileURLToPath(new URL('../src/page/test-page.ts', import.meta.url)));
  const served = await servePage(script, 'lab test page');
  try {
    return await withChromium(chromium, async (browser) => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(served.url);
      await page.waitForFunction(() => (window as { labResult?: unknown }).labResult !== undefined);
      const result = await page.evaluate(() => (window as unknown as { labResult: PageResult }).labResult);
      return { result, errors };
    });
  } finally {
    await served.close();
  }
}

describe('lab in a real browser (headless Chromium)', () => {
  if (executable === undefined) {
    if (process.env.LAB_REQUIRE_CHROMIUM === '1') {
      it('finds Chromium, which LAB_REQUIRE_CHROMIUM=1 requires', () => {
        throw new Error(`no Chromium at ${where}: apt-get install chromium, or set LAB_CHROMIUM to its executable`);
      });
    } else {
      console.log(`browser test skipped: no Chromium at ${where} (apt-get install chromium, or set LAB_CHROMIUM)`);
      it.skip(`runs the test page (no Chromium at ${where})`);
    }
    return;
  }

  it('gives the same numbers as Node, bit for bit, on the WebAssembly backend, with no console error', async () => {
    const { result, errors } = await runPageInChromium(executable);
    expect(errors).toEqual([]);
    if (!result.ok) throw new Error(`the test page failed in Chromium: ${result.error}`);
    // The kernels ran on WebAssembly SIMD, not on the JavaScript fallback.
    expect(result.backend).toBe('wasm');
    const node = runCases();
    expect(Object.keys(result.results)).toEqual(Object.keys(node));
    for (const [name, values] of Object.entries(node)) {
      expect(result.results[name], name).toHaveLength(values.length);
      // Object.is per value: the same doubles, including the sign of zero.
      const first = values.findIndex((value, i) => !Object.is(value, result.results[name]?.[i]));
      expect(
        first === -1 ? 'identical' : `differs at ${first}: Node ${values[first]}, Chromium ${result.results[name]?.[first]}`,
        name,
      ).toBe('identical');
    }
  });
});
