import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What the built bin loads before it answers: `--help`, `--version` and config errors must not load
 * mathjs (expression schedules only), vega/vega-lite (figures only) or the report's markdown
 * libraries (writing a report only) — they are most of a slow start; nor does a `lab train` config
 * error load `@lab/trainer/node` (worker threads, checkpoint files). Timing is the benchmark's job
 * (bench/startup.bench.ts); this test checks the module list, which does not depend on the machine's load.
 */
const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const HOOK = fileURLToPath(new URL('./fixtures/record-module-loads.mjs', import.meta.url));
const HEAVY = ['mathjs', 'vega', 'vega-lite', 'mdast-util-to-markdown'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-startup-'));
  const config = (schedule: string) =>
    `name: x\ndataset: { kind: builtin, name: football }\nmodel: { layerSizes: [2, 0, 1] }\noptimizer: { kind: gd, learningRate: 0.3 }\n${schedule}training: { numIterations: 10 }\n`;
  await writeFile(join(dir, 'bad.yaml'), config(''));
  await writeFile(join(dir, 'bad-expression.yaml'), config('schedule: { kind: expression, expression: "0.3 * 0.5 ^ epoch" }\n'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** The npm packages the bin loads for `args` (by name, from the loaded modules' paths), and `@lab/trainer/node` when it does. */
async function packagesLoaded(args: string[]): Promise<Set<string>> {
  const log = join(dir, `modules-${args.join('-').replace(/\W+/g, '_')}.txt`);
  await writeFile(log, '');
  await promisify(execFile)(process.execPath, ['--import', HOOK, BIN, ...args], {
    cwd: dir,
    env: { ...process.env, LAB_MODULE_LOG: log },
  }).catch((error: { code?: number }) => {
    if (typeof error.code !== 'number') throw error;
  });
  const urls = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  expect(urls.some((url) => url.endsWith('/dist/lab.js'))).toBe(true);
  const packages = urls.flatMap(
    (url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url.replace(/.*\/node_modules\/\.pnpm\/[^/]+/, ''))?.[1] ?? [],
  );
  // The workspace links @lab/trainer to packages/trainer; a published install puts it under node_modules.
  const trainerNode = urls.some((url) => /\/trainer\/dist\/node\.js$/.test(url));
  return new Set(trainerNode ? [...packages, '@lab/trainer/node'] : packages);
}

describe('what lab loads to start', () => {
  for (const args of [['--help'], ['--version'], ['train', '--config', 'bad.yaml'], ['sweep', '--config', 'bad.yaml']]) {
    it(`lab ${args.join(' ')}: none of ${HEAVY.join(', ')}`, async () => {
      const loaded = await packagesLoaded(args);
      expect(HEAVY.filter((name) => loaded.has(name))).toEqual([]);
    });
  }

  it('lab train --config bad.yaml: not @lab/trainer/node', async () => {
    const loaded = await packagesLoaded(['train', '--config', 'bad.yaml']);
    expect(loaded.has('@lab/trainer/node')).toBe(false);
  });

  it('a config error in a config with an expression schedule loads mathjs, and still not the report renderer', async () => {
    const loaded = await packagesLoaded(['train', '--config', 'bad-expression.yaml']);
    expect(loaded.has('mathjs')).toBe(true);
    expect(HEAVY.filter((name) => name !== 'mathjs' && loaded.has(name))).toEqual([]);
  });
});
