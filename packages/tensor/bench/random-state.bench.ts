import { afterAll, test } from 'vitest';
import { setBackend } from '../src/backend';
import { RandomState } from '../src/index';

/**
 * RandomState's uniform draws at the size of a training step's dropout masks (23 hidden units ×
 * 211 examples in the course's network): the bulk fill in WebAssembly and in its JavaScript
 * fallback, a `nextDouble()` loop, and `Math.random` filling the same array, in the same run;
 * then the mask (`u < keepProb`) drawn in one pass against a fill followed by a compare loop.
 * Prints nanoseconds per double and ratios; run with `pnpm --filter @lab/tensor bench`.
 */

const DRAWS = 23 * 211;
const KEEP_PROB = 0.86;
const OPTIONS = { time: 1500, warmupTime: 300 };
const report: string[] = [];

/** Median nanoseconds per double (the median: other processes on a shared machine add long outliers). */
const perDouble = (results: { get(name: string): { latency: { p50: number } } }, name: string) =>
  (results.get(name).latency.p50 * 1e6) / DRAWS;

test('uniform doubles: fillUniform (WebAssembly, JavaScript) vs nextDouble vs Math.random', async ({ bench }) => {
  const rng = new RandomState(1);
  const target = new Float64Array(DRAWS);
  const results = await bench.compare(
    bench('fillUniform, WebAssembly', () => {
      setBackend('wasm');
      rng.fillUniform(target);
    }),
    bench('fillUniform, JavaScript', () => {
      setBackend('js');
      rng.fillUniform(target);
      setBackend('wasm');
    }),
    bench('nextDouble loop', () => {
      for (let i = 0; i < DRAWS; i++) target[i] = rng.nextDouble();
    }),
    bench('Math.random loop', () => {
      for (let i = 0; i < DRAWS; i++) target[i] = Math.random();
    }),
    OPTIONS,
  );
  const [wasm, js, scalar, native] = ['fillUniform, WebAssembly', 'fillUniform, JavaScript', 'nextDouble loop', 'Math.random loop'].map(
    (name) => perDouble(results, name),
  );
  report.push(
    `| uniforms | ${wasm.toFixed(2)} ns | ${js.toFixed(2)} ns | ${scalar.toFixed(2)} ns | ${native.toFixed(2)} ns | ${(scalar / wasm).toFixed(1)}× | ${(native / wasm).toFixed(1)}× |`,
  );
});

test('dropout mask: fillMask in one pass vs fillUniform then compare', async ({ bench }) => {
  const rng = new RandomState(1);
  const target = new Float64Array(DRAWS);
  const results = await bench.compare(
    bench('fillMask', () => {
      rng.fillMask(target, KEEP_PROB);
    }),
    bench('fillUniform + compare', () => {
      rng.fillUniform(target);
      for (let i = 0; i < DRAWS; i++) target[i] = target[i] < KEEP_PROB ? 1 : 0;
    }),
    bench('nextDouble loop + compare', () => {
      for (let i = 0; i < DRAWS; i++) target[i] = rng.nextDouble() < KEEP_PROB ? 1 : 0;
    }),
    OPTIONS,
  );
  const [fused, twoPass, scalar] = ['fillMask', 'fillUniform + compare', 'nextDouble loop + compare'].map((name) =>
    perDouble(results, name),
  );
  report.push(
    `| masks | ${fused.toFixed(2)} ns (fillMask) | ${twoPass.toFixed(2)} ns (fill + compare) | ${scalar.toFixed(2)} ns | — | ${(scalar / fused).toFixed(1)}× | fill + compare / fillMask ${(twoPass / fused).toFixed(2)}× |`,
  );
});

afterAll(() => {
  const header = [
    '',
    `${DRAWS} draws, median time per double`,
    '| draws | WebAssembly | JavaScript fill | nextDouble loop | Math.random | nextDouble / WebAssembly | Math.random / WebAssembly |',
    '|---|---|---|---|---|---|---|',
  ];
  console.log([...header, ...report].join('\n'));
});
