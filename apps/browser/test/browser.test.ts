import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundlePage } from '../src/harness/bundle';
import { DEFAULT_CHROMIUM, findChromium, withChromium } from '../src/harness/chromium';
import { servePage } from '../src/harness/serve';
import { runCases } from '../src/page/cases';
import type { PageResult } from '../src/page/test-page';
import { runTrainingCases } from '../src/page/training-cases';
import { missingChromium } from './chromium-gate';

const executable = findChromium();

/**
 * Relative difference allowed where the JavaScript engine's own Math.log and Math.pow enter (Node 20's
 * V8 11 and Chromium's V8 round a few arguments differently in the last bit), after up to 60 steps.
 */
const ENGINE_MATH_TOLERANCE = 1e-13;

/** One line per output whose values differ from Node's by more than `tolerance` (relative; 0: Object.is). */
function differences(node: Record<string, number[]>, chromium: Record<string, number[]>, tolerance: number): string[] {
  return Object.entries(node).flatMap(([name, values]) => {
    const there = chromium[name] ?? [];
    if (there.length !== values.length) return [`${name}: ${values.length} values in Node, ${there.length} in Chromium`];
    const first = values.findIndex((value, i) => {
      const other = there[i] as number;
      return tolerance === 0
        ? !Object.is(value, other)
        : !(Math.abs(value - other) <= tolerance * Math.max(Math.abs(value), Math.abs(other)));
    });
    return first === -1 ? [] : [`${name}: differs at ${first}: Node ${values[first]}, Chromium ${there[first]}`];
  });
}

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
  if (missingChromium(executable, 'browser test')) return;

  // Collected either way, so the file always holds this test; it runs only where Chromium is.
  it.runIf(executable !== undefined)(
    'gives the same numbers as Node, bit for bit, on the WebAssembly backend, with no console error',
    async () => {
      const { result, errors } = await runPageInChromium(executable ?? DEFAULT_CHROMIUM);
      expect(errors).toEqual([]);
      if (!result.ok) throw new Error(`the test page failed in Chromium: ${result.error}`);
      // The kernels ran on WebAssembly SIMD, not on the JavaScript fallback.
      expect(result.backend).toBe('wasm');
      const training = runTrainingCases();
      const node = { ...runCases(), ...training.exact };
      expect(Object.keys(result.results)).toEqual(Object.keys(node));
      // Object.is per value: the same doubles, including the sign of zero. Every differing output is listed.
      expect(differences(node, result.results, 0)).toEqual([]);
      // Through the engine's Math.log and Math.pow (costs, Adam's bias corrections), which V8 versions
      // round differently in the last bit: equal to within ENGINE_MATH_TOLERANCE, relatively.
      expect(Object.keys(result.engineMath)).toEqual(Object.keys(training.engineMath));
      expect(differences(training.engineMath, result.engineMath, ENGINE_MATH_TOLERANCE)).toEqual([]);
    },
  );
});
