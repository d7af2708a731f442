import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestTagDefinition } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * The tests that need the course's football.mat, which is never copied into the project. Such a test
 * carries the `football` tag (`describe('…', { tags: [FOOTBALL_TAG] }, …)`) and asks {@link footballMatPath}
 * for the file. Where the file is absent the tag skips those tests and {@link FootballReporter} prints one
 * line per vitest run saying why and how to enable them; with `LAB_REQUIRE_FOOTBALL=1` (CI, which always
 * has the file) nothing is skipped and a missing file fails every such test instead.
 */
export const FOOTBALL_TAG = 'football';

/** The project root: this file sits in it. */
const PROJECT_ROOT = dirname(fileURLToPath(import.meta.url));

/** Where the file is looked for without `LAB_FOOTBALL_MAT`, as the README names it (relative to the project root). */
export const DEFAULT_FOOTBALL_MAT = '../shared/data/football.mat';

/** Where football.mat was looked for, and whether it is there. */
export interface FootballLookup {
  /** Absolute path looked at. */
  readonly path: string;
  /** Where the path came from. */
  readonly from: 'LAB_FOOTBALL_MAT' | 'default';
  readonly found: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Looks for football.mat: `env.LAB_FOOTBALL_MAT` when set and not empty, else {@link DEFAULT_FOOTBALL_MAT}
 * resolved against `projectRoot` (not the working directory, which vitest sets to each package).
 */
export function locateFootballMat(env: Env = process.env, projectRoot: string = PROJECT_ROOT): FootballLookup {
  const fromEnv = env.LAB_FOOTBALL_MAT;
  const path = fromEnv ? resolve(projectRoot, fromEnv) : resolve(projectRoot, DEFAULT_FOOTBALL_MAT);
  return { path, from: fromEnv ? 'LAB_FOOTBALL_MAT' : 'default', found: existsSync(path) };
}

/** True when a missing football.mat must fail the tests instead of skipping them (`LAB_REQUIRE_FOOTBALL=1`). */
export function footballRequired(env: Env = process.env): boolean {
  return env.LAB_REQUIRE_FOOTBALL === '1';
}

/** Where the file was looked for and how to point the tests at it: `not found at ../shared/data/football.mat beside the project (…)`. */
function whereMissing(lookup: FootballLookup): string {
  return lookup.from === 'LAB_FOOTBALL_MAT'
    ? `not found: LAB_FOOTBALL_MAT points to ${lookup.path}, which does not exist (set it to the path of football.mat)`
    : `not found at ${DEFAULT_FOOTBALL_MAT} beside the project (set LAB_FOOTBALL_MAT to its path, or put it there)`;
}

/** The one line a run prints when it skipped `count` tests for want of the file. */
export function footballSkipLine(lookup: FootballLookup, count: number): string {
  return `football.mat ${whereMissing(lookup)}: skipped ${count} ${count === 1 ? 'test' : 'tests'} that need it`;
}

/**
 * The path of football.mat for a test tagged {@link FOOTBALL_TAG}.
 * @throws Error naming where it looked, when the file is absent (only reached with `LAB_REQUIRE_FOOTBALL=1`:
 *   otherwise the tag has skipped the test)
 */
export function footballMatPath(env: Env = process.env, projectRoot: string = PROJECT_ROOT): string {
  const lookup = locateFootballMat(env, projectRoot);
  if (!lookup.found) throw new Error(`football.mat is required here (LAB_REQUIRE_FOOTBALL=1) but ${whereMissing(lookup)}`);
  return lookup.path;
}

/** The tag definition for the shared vitest config: skips the tagged tests when the file is absent and not required. */
export function footballTag(env: Env = process.env, projectRoot: string = PROJECT_ROOT): TestTagDefinition {
  const skip = !locateFootballMat(env, projectRoot).found && !footballRequired(env);
  return { name: FOOTBALL_TAG, description: "needs the course's football.mat (LAB_FOOTBALL_MAT or ../shared/data)", skip };
}

/** Counts the skipped tests tagged {@link FOOTBALL_TAG} and prints {@link footballSkipLine} once at the end of a run. */
export class FootballReporter implements Reporter {
  constructor(
    private readonly env: Env = process.env,
    private readonly projectRoot: string = PROJECT_ROOT,
    private readonly print: (line: string) => void = (line) => console.log(line),
  ) {}

  onTestRunEnd(testModules: readonly TestModule[]): void {
    const lookup = locateFootballMat(this.env, this.projectRoot);
    if (lookup.found) return;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) if (test.tags.includes(FOOTBALL_TAG)) skipped++;
    }
    if (skipped > 0) this.print(footballSkipLine(lookup, skipped));
  }
}
