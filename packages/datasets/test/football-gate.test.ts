import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import {
  FOOTBALL_TAG,
  FootballReporter,
  footballMatPath,
  footballSkipLine,
  footballTag,
  locateFootballMat,
} from '../../../vitest.football';

/** A project root with ../shared/data/football.mat beside it (an empty file: only its presence counts here). */
function rootBesideShared(withFile: boolean): string {
  const parent = mkdtempSync(join(tmpdir(), 'lab-football-gate-'));
  mkdirSync(join(parent, 'lab'));
  if (withFile) {
    mkdirSync(join(parent, 'shared', 'data'), { recursive: true });
    writeFileSync(join(parent, 'shared', 'data', 'football.mat'), '');
  }
  return join(parent, 'lab');
}

describe('locateFootballMat and the lines it leads to', () => {
  it('finds ../shared/data/football.mat beside the project root when LAB_FOOTBALL_MAT is unset or empty', () => {
    const root = rootBesideShared(true);
    for (const env of [{}, { LAB_FOOTBALL_MAT: '' }]) {
      expect(locateFootballMat(env, root)).toEqual({
        path: join(dirname(root), 'shared', 'data', 'football.mat'),
        from: 'default',
        found: true,
      });
      expect(footballMatPath(env, root)).toBe(join(dirname(root), 'shared', 'data', 'football.mat'));
      expect(footballTag(env, root).skip).toBe(false);
    }
  });

  it('says where it looked and how to enable the tests when the default is absent', () => {
    const root = rootBesideShared(false);
    const lookup = locateFootballMat({}, root);
    expect(lookup.found).toBe(false);
    expect(footballSkipLine(lookup, 3)).toBe(
      'football.mat not found at ../shared/data/football.mat beside the project (set LAB_FOOTBALL_MAT to its path, or put it there): skipped 3 tests that need it',
    );
    expect(footballSkipLine(lookup, 1)).toMatch(/: skipped 1 test that needs? it$/);
    expect(footballTag({}, root).skip).toBe(true);
  });

  it('names LAB_FOOTBALL_MAT when it points to a missing file, and prefers it to the default', () => {
    const root = rootBesideShared(true);
    const env = { LAB_FOOTBALL_MAT: '/bogus/football.mat' };
    const lookup = locateFootballMat(env, root);
    expect(lookup).toEqual({ path: '/bogus/football.mat', from: 'LAB_FOOTBALL_MAT', found: false });
    expect(footballSkipLine(lookup, 2)).toBe(
      'football.mat not found: LAB_FOOTBALL_MAT points to /bogus/football.mat, which does not exist (set it to the path of football.mat): skipped 2 tests that need it',
    );
    expect(footballTag(env, root).skip).toBe(true);
  });

  it('with LAB_REQUIRE_FOOTBALL=1 skips nothing, and asking for the missing file fails with where it looked', () => {
    const env = { LAB_FOOTBALL_MAT: '/bogus/football.mat', LAB_REQUIRE_FOOTBALL: '1' };
    expect(footballTag(env).skip).toBe(false);
    expect(() => footballMatPath(env)).toThrow(
      'football.mat is required here (LAB_REQUIRE_FOOTBALL=1) but not found: LAB_FOOTBALL_MAT points to /bogus/football.mat, which does not exist',
    );
  });
});

describe('FootballReporter', () => {
  /** Test modules as the reporter sees them: each test's tags and whether it was skipped. */
  function modules(...files: { tags: string[]; skipped: boolean }[][]): TestModule[] {
    return files.map(
      (tests) =>
        ({
          children: {
            *allTests(state?: string) {
              yield* tests.filter((t) => state !== 'skipped' || t.skipped);
            },
          },
        }) as unknown as TestModule,
    );
  }
  const football = { tags: [FOOTBALL_TAG], skipped: true };
  const other = { tags: [], skipped: true };

  it('prints one line for all the skipped football tests of a run, and nothing when the file is there or none was skipped', () => {
    const lines: string[] = [];
    const missing = new FootballReporter({ LAB_FOOTBALL_MAT: '/bogus/football.mat' }, rootBesideShared(false), (line) => lines.push(line));
    missing.onTestRunEnd(modules([football, other], [football, football]));
    expect(lines).toEqual([footballSkipLine(locateFootballMat({ LAB_FOOTBALL_MAT: '/bogus/football.mat' }), 3)]);
    missing.onTestRunEnd(modules([other]));
    new FootballReporter({}, rootBesideShared(true), (line) => lines.push(line)).onTestRunEnd(modules([football]));
    expect(lines).toHaveLength(1);
  });
});

const run = promisify(execFile);
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const GATE = fileURLToPath(new URL('./football-gate', import.meta.url));

/** Runs the gate project (three tests tagged football in two files, one untagged) with the shared config. */
async function runGate(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const options = { cwd: GATE, env: { ...process.env, LAB_REQUIRE_FOOTBALL: '', ...env, NO_COLOR: '1', FORCE_COLOR: '0' } };
  try {
    const { stdout, stderr } = await run(process.execPath, [VITEST, 'run', '--config', 'vitest.config.mjs'], options);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** The skip lines in a run's output. */
const skipLines = (output: string) => output.split('\n').filter((line) => line.includes('football.mat not found'));

// Each case starts a vitest process: on a loaded machine, with other packages testing beside it, that takes a while.
describe('a vitest run with the shared config and LAB_FOOTBALL_MAT pointing nowhere', { timeout: 240_000 }, () => {
  it('skips the football tests and says so in one line for the whole run', async () => {
    const { code, output } = await runGate({ LAB_FOOTBALL_MAT: '/bogus/football.mat' });
    expect(code).toBe(0);
    expect(skipLines(output)).toEqual([
      'football.mat not found: LAB_FOOTBALL_MAT points to /bogus/football.mat, which does not exist (set it to the path of football.mat): skipped 3 tests that need it',
    ]);
    expect(output).toMatch(/Tests\s+1 passed \| 3 skipped \(4\)/);
  });

  it('with LAB_REQUIRE_FOOTBALL=1 fails them instead, saying where it looked', async () => {
    const { code, output } = await runGate({ LAB_FOOTBALL_MAT: '/bogus/football.mat', LAB_REQUIRE_FOOTBALL: '1' });
    expect(code).toBe(1);
    expect(output).toMatch(/Tests\s+3 failed \| 1 passed \(4\)/);
    expect(output).toContain('football.mat is required here (LAB_REQUIRE_FOOTBALL=1) but not found: LAB_FOOTBALL_MAT points to /bogus');
    expect(skipLines(output)).toEqual([]);
  });
});
