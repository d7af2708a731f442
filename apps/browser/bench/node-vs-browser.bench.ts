import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import { bundlePage } from '../src/harness/bundle';
import { DEFAULT_CHROMIUM, findChromium, withChromium } from '../src/harness/chromium';
import { servePage } from '../src/harness/serve';
import type { KernelTiming } from '../src/page/kernel-timings';

// Node against Chromium on the same kernels: src/page/kernel-timings.ts, bundled once per entry
// (the page, and a Node script) with the same code, run alternately in a fresh Node process and a
// fresh tab of headless Chromium, LAB_BENCH_ROUNDS times (default 3). Prints each kernel's best time
// in both and the ratio (how many times slower Chromium is), with the load average.
// Build first: `pnpm --filter @lab/browser... build`.

const rounds = Number(process.env.LAB_BENCH_ROUNDS ?? 3);
const entry = (name: string) => fileURLToPath(new URL(`../src/page/${name}`, import.meta.url));

test('kernels in Node and in headless Chromium, same run', async () => {
  const chromium = findChromium();
  if (chromium === undefined) {
    console.log(`Node/browser benchmark skipped: no Chromium at ${process.env.LAB_CHROMIUM || DEFAULT_CHROMIUM}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lab-browser-bench-'));
  const served = await servePage(await bundlePage(entry('bench-page.ts')), 'lab benchmark');
  try {
    const nodeScript = join(dir, 'bench-node.mjs');
    writeFileSync(nodeScript, await bundlePage(entry('bench-node.ts')));
    const node: KernelTiming[][] = [];
    const browser: KernelTiming[][] = [];
    const loads: number[] = [];
    await withChromium(chromium, async (context) => {
      for (let round = 0; round < rounds; round++) {
        loads.push(loadavg()[0] ?? 0);
        const run = spawnSync('node', [nodeScript], { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`the Node benchmark failed: ${run.stderr}`);
        node.push(JSON.parse(run.stdout) as KernelTiming[]);
        const page = await context.newPage();
        await page.goto(served.url);
        await page.waitForFunction(
          () => {
            const w = window as { labTimings?: unknown; labError?: unknown };
            return w.labTimings !== undefined || w.labError !== undefined;
          },
          undefined,
          { timeout: 120_000 },
        );
        const outcome = await page.evaluate(() => {
          const w = window as unknown as { labTimings?: KernelTiming[]; labError?: string };
          return { labTimings: w.labTimings, labError: w.labError };
        });
        if (outcome.labTimings === undefined) throw new Error(`the benchmark page failed: ${outcome.labError}`);
        browser.push(outcome.labTimings);
        await page.close();
      }
    });
    const best = (runs: KernelTiming[][], name: string) =>
      Math.min(...runs.map((timings) => timings.find((t) => t.name === name)?.msPerCall ?? Number.NaN));
    const names = (node[0] ?? []).map((t) => t.name);
    const format = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(2)} µs` : `${ms.toFixed(3)} ms`);
    console.log(
      `\nkernels, Node ${process.version} vs headless Chromium (${chromium}), best of ${rounds} alternating rounds; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
    );
    console.log('kernel                                       |       Node |   Chromium | Chromium / Node');
    for (const name of names) {
      const n = best(node, name);
      const b = best(browser, name);
      const flops =
        name === 'matmul 256³' ? ` (${((2 * 256 ** 3) / (n * 1e6)).toFixed(1)} vs ${((2 * 256 ** 3) / (b * 1e6)).toFixed(1)} GFLOP/s)` : '';
      console.log(
        `${name.padEnd(44)} | ${format(n).padStart(10)} | ${format(b).padStart(10)} | ${(b / n).toFixed(2).padStart(6)}×${flops}`,
      );
    }
  } finally {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_800_000);
