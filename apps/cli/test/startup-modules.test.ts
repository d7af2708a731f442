import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What the built bin loads before it answers: `--help`, `--version` and config errors must not load
 * mathjs (expression schedules only), vega/vega-lite (figures only) or the report's markdown
 * libraries (writing a report only) — they are most of a slow start. A config error of `lab train`
 * or `lab sweep` reads the config with `@lab/trainer/config` alone: not the trainer's main entry, nor
 * what only training needs (layers, batch norm, regularizers, run records, `@lab/trainer/node`), nor
 * zod's hundred modules (that entry carries its own zod in one file). Timing is the benchmark's job
 * (bench/startup.bench.ts); this test checks the module list, which does not depend on the machine's load.
 */
const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
/** The task modules of the commands' worker threads. */
const WORKERS = ['regularization-worker.js', 'sweep-worker.js', 'batchnorm-worker.js'];
const HOOK = fileURLToPath(new URL('./fixtures/record-module-loads.mjs', import.meta.url));
const HEAVY = ['mathjs', 'vega', 'vega-lite', 'mdast-util-to-markdown'];
/** What a config error does without: the training half of lab. */
const TRAINING = ['@lab/trainer', '@lab/trainer/node', '@lab/layers', '@lab/batchnorm', '@lab/regularizers', '@lab/run-record', 'zod'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-startup-'));
  const config = (schedule: string) =>
    `name: x\ndata: { kind: football }\nmodel:\n  layers: [{ kind: linear, units: 0 }, { kind: relu }, { kind: linear, units: 1 }, { kind: sigmoid }]\n  loss: binary-cross-entropy\noptimizer: { kind: gd, learningRate: 0.3 }\n${schedule}training: { iterations: 10 }\n`;
  await writeFile(join(dir, 'bad.yaml'), config(''));
  await writeFile(join(dir, 'bad-expression.yaml'), config('schedule: { kind: expression, expression: "0.3 * 0.5 ^ epoch" }\n'));
  await writeFile(
    join(dir, 'bad-sweep.yaml'),
    `name: s\nbase: bad.yaml\nparameters: { model.l2: { kind: grid, values: [0, 1] } }\nmetric: { name: testAccuracy, goal: maximize }\n`,
  );
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/**
 * The npm packages the bin loads for `args` (by name, from the loaded modules' paths; the
 * workspace links `@lab/*` to packages/*, a published install puts them under node_modules), with
 * `@lab/trainer/config`, `@lab/trainer/node` and `@lab/trainer/pool` for those entries and `@lab/trainer`
 * for its main one; in the order they first loaded.
 */
async function packagesLoaded(args: string[], script = BIN): Promise<Set<string>> {
  const log = join(dir, `modules-${args.join('-').replace(/\W+/g, '_')}.txt`);
  await writeFile(log, '');
  await promisify(execFile)(process.execPath, ['--import', HOOK, script, ...args], {
    cwd: dir,
    env: { ...process.env, LAB_MODULE_LOG: log },
  }).catch((error: { code?: number }) => {
    if (typeof error.code !== 'number') throw error;
  });
  const urls = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  expect(urls.some((url) => url.endsWith(`/dist/${basename(script)}`))).toBe(true);
  return new Set(
    urls.flatMap((url) => {
      const trainer = /\/trainer\/dist\/(index|config|node|pool)\.js$/.exec(url)?.[1];
      if (trainer !== undefined) return [trainer === 'index' ? '@lab/trainer' : `@lab/trainer/${trainer}`];
      const workspace = /\/packages\/([^/]+)\/dist\//.exec(url)?.[1];
      if (workspace !== undefined) return [`@lab/${workspace}`];
      return /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url.replace(/.*\/node_modules\/\.pnpm\/[^/]+/, ''))?.[1] ?? [];
    }),
  );
}

describe('what lab loads to start', () => {
  for (const args of [['--help'], ['--version'], ['train', '--config', 'bad.yaml'], ['sweep', '--config', 'bad-sweep.yaml']]) {
    it(`lab ${args.join(' ')}: none of ${HEAVY.join(', ')}`, async () => {
      const loaded = await packagesLoaded(args);
      expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
    });
  }

  for (const args of [
    ['train', '--config', 'bad.yaml'],
    ['sweep', '--config', 'bad-sweep.yaml'],
  ]) {
    it(`lab ${args.join(' ')}: the config error, read with @lab/trainer/config alone`, async () => {
      const loaded = await packagesLoaded(args);
      expect(loaded.has('@lab/trainer/config')).toBe(true);
      expect(TRAINING.filter((name) => loaded.has(name))).toEqual([]);
    });
  }

  it('a config error in a config with an expression schedule loads mathjs, and still not the report renderer', async () => {
    const loaded = await packagesLoaded(['train', '--config', 'bad-expression.yaml']);
    expect(loaded.has('mathjs')).toBe(true);
    expect(HEAVY.filter((name) => name !== 'mathjs' && loaded.has(name))).toEqual([]);
  });

  it('a valid config loads the trainer (the test sees what it claims to exclude)', async () => {
    await writeFile(join(dir, 'good.yaml'), (await readFile(join(dir, 'bad.yaml'), 'utf8')).replace('units: 0', 'units: 2'));
    const loaded = await packagesLoaded(['train', '--config', 'good.yaml', '--out', 'good-out', '--quiet']);
    expect(TRAINING.filter((name) => name !== '@lab/trainer/node' && !loaded.has(name))).toEqual([]);
  });

  it('a valid sweep starts its threads from @lab/trainer/pool before this thread loads the trainer', async () => {
    await writeFile(join(dir, 'good.yaml'), (await readFile(join(dir, 'bad.yaml'), 'utf8')).replace('units: 0', 'units: 2'));
    await writeFile(join(dir, 'good-sweep.yaml'), (await readFile(join(dir, 'bad-sweep.yaml'), 'utf8')).replace('bad.yaml', 'good.yaml'));
    const loaded = [...(await packagesLoaded(['sweep', '--config', 'good-sweep.yaml', '--out', 'sweep-out', '--workers', '2', '--quiet']))];
    expect(loaded).toContain('@lab/trainer/node');
    expect(loaded.indexOf('@lab/trainer/pool')).toBeGreaterThanOrEqual(0);
    expect(loaded.indexOf('@lab/trainer/pool')).toBeLessThan(loaded.indexOf('@lab/trainer'));
  });

  for (const worker of WORKERS) {
    it(`the task module ${worker} is one file: it loads no package (no zod, no mathjs)`, async () => {
      const loaded = await packagesLoaded([], fileURLToPath(new URL(`../dist/${worker}`, import.meta.url)));
      expect([...loaded]).toEqual([]);
    });
  }
});
