import { it } from 'vitest';
import { DEFAULT_CHROMIUM } from '../src/harness/chromium';

/**
 * What a browser test does where Chromium is missing, called first in its `describe`: with
 * `LAB_REQUIRE_CHROMIUM=1` (CI) it adds a failing test that says so and returns true (the caller then
 * returns); otherwise it prints one line saying that `what` was skipped and returns false. The
 * caller's tests are collected with `it.runIf(executable !== undefined)`.
 * @param executable - `findChromium()`: the executable, or undefined when there is none
 * @param what - the tests' name in the skip line, e.g. `browser test`
 */
export function missingChromium(executable: string | undefined, what: string): boolean {
  if (executable !== undefined) return false;
  const where = process.env.LAB_CHROMIUM || DEFAULT_CHROMIUM;
  if (process.env.LAB_REQUIRE_CHROMIUM === '1') {
    it('finds Chromium, which LAB_REQUIRE_CHROMIUM=1 requires', () => {
      throw new Error(`no Chromium at ${where}: apt-get install chromium, or set LAB_CHROMIUM to its executable`);
    });
    return true;
  }
  console.log(`${what} skipped: no Chromium at ${where} (apt-get install chromium, or set LAB_CHROMIUM)`);
  return false;
}
