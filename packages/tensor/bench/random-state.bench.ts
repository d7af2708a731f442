import { afterAll, test } from 'vitest';
import { RandomState } from '../src/index';

/**
 * RandomState's uniform draws (the dropout masks of a training step: 23 hidden units × 211
 * examples of the course's network) against Math.random filling the same array, in the same run.
 * Prints nanoseconds per double; run with `pnpm --filter @lab/tensor bench`.
 */

const DRAWS = 23 * 211;
const report: string[] = [];

test('RandomState.nextDouble vs Math.random', async ({ bench }) => {
  const rng = new RandomState(1);
  const target = new Float64Array(DRAWS);
  const results = await bench.compare(
    bench('RandomState.nextDouble', () => {
      for (let i = 0; i < DRAWS; i++) target[i] = rng.nextDouble();
    }),
    bench('Math.random', () => {
      for (let i = 0; i < DRAWS; i++) target[i] = Math.random();
    }),
    { time: 1500, warmupTime: 300 },
  );
  // The median, not the mean: other processes on a shared machine add long outliers.
  const lab = results.get('RandomState.nextDouble').latency.p50;
  const native = results.get('Math.random').latency.p50;
  const ns = (ms: number) => ((ms * 1e6) / DRAWS).toFixed(1);
  report.push(`| ${DRAWS} doubles | ${ns(lab)} ns | ${ns(native)} ns | ${(lab / native).toFixed(2)}× |`);
});

afterAll(() => {
  const header = ['', 'uniform doubles, median time per double', '| draws | RandomState | Math.random | ratio |', '|---|---|---|---|'];
  console.log([...header, ...report].join('\n'));
});
