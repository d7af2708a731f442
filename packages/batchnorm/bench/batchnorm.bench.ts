/**
 * Batch-norm kernels at the course's shape (100, 500) and a larger one: forward, staged backward, closed-form backward, and
 * forward + closed-form backward (allocating, and with out buffers). Prints the alt/staged
 * speedup and, when python3 with numpy is available, the speedup over bench/numpy-batchnorm.py
 * (the same forward + closed-form backward in NumPy), measured in the same run right after
 * each shape. Ratios use medians, which shrug off the other processes of a shared machine.
 *
 * NumPy runs twice per shape: "cold" (a fresh process, glibc returning freed temporaries to
 * the OS, so each call page-faults its temporaries in again: it allocates like our allocating
 * path) and "warm" (the allocator primed so temporaries are recycled: like our out-buffer
 * path). See README.md, Benchmarks.
 *
 * The functions run on @lab/tensor's wasm backend (WebAssembly SIMD, operands copied through the
 * scratch arena on every call: the functions are pure); forward + alt backward also runs on the js
 * backend (switched per call), interleaved in the same comparison.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getBackend, RandomState, setBackend, type Tensor } from '@lab/tensor';
import { afterAll, test } from 'vitest';
import { type BatchnormParam, batchnormBackward, batchnormBackwardAlt, batchnormForward } from '../src/index';

const SHAPES = [
  [100, 500],
  [1024, 1024],
  [64, 4096],
] as const;

// Local bindings: calling through the module namespace in the hot loop would add getter calls.
const forward = batchnormForward;
const backwardStaged = batchnormBackward;
const backwardAlt = batchnormBackwardAlt;

interface NumpyTiming {
  version: string;
  medianMs: number;
}

/** Runs bench/numpy-batchnorm.py for one shape; undefined (with the reason printed) when python3 or numpy is missing. */
function numpyTiming(n: number, d: number, warm: boolean): NumpyTiming | undefined {
  const env = { ...process.env };
  // The machine-wide OpenBLAS tuning variables do not apply to this benchmark's NumPy run.
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL('./numpy-batchnorm.py', import.meta.url));
  const run = spawnSync('python3', [script, `${n}x${d}`, '--time', '2', ...(warm ? ['--warm'] : [])], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.error !== undefined || run.status !== 0) {
    console.log(`NumPy comparison skipped: ${run.error?.message ?? run.stderr.trim().split('\n').at(-1)}`);
    return undefined;
  }
  const parsed = JSON.parse(run.stdout) as { numpy: string; results: { median_ms: number }[] };
  return { version: parsed.numpy, medianMs: parsed.results[0].median_ms };
}

function inputs(n: number, d: number): { x: Tensor; gamma: Tensor; beta: Tensor; dout: Tensor } {
  const rng = new RandomState(0);
  const x = rng.randn(n, d);
  for (let k = 0; k < x.size; k++) x.data[k] = 3 * x.data[k] + 1;
  return { x, dout: rng.randn(n, d), gamma: rng.randn(d), beta: rng.randn(d) };
}

/** Runs `f` on the js backend. */
function javascript<T>(f: () => T): T {
  setBackend('js');
  try {
    return f();
  } finally {
    setBackend('wasm');
  }
}

const summary: string[] = [`backend: ${getBackend() === 'js' ? 'js (no WebAssembly SIMD here)' : 'wasm, and js for comparison'}`];
const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(2));

for (const [n, d] of SHAPES) {
  test(`batchnorm (${n}, ${d})`, async ({ bench }) => {
    const { x, gamma, beta, dout } = inputs(n, d);
    const param: BatchnormParam = { mode: 'train' };
    const { cache } = forward(x, gamma, beta, param);
    const out = x.clone();
    const dx = x.clone();
    const options = { time: n * d > 500_000 ? 1500 : 1000, iterations: 20 };

    const results = await bench.compare(
      bench('forward', () => forward(x, gamma, beta, param)),
      bench('alt backward', () => backwardAlt(dout, cache)),
      bench('forward + alt backward', () => backwardAlt(dout, forward(x, gamma, beta, param).cache)),
      bench('forward + alt backward, out buffers', () => backwardAlt(dout, forward(x, gamma, beta, param, out).cache, dx)),
      bench('JavaScript forward + alt backward', () => javascript(() => backwardAlt(dout, forward(x, gamma, beta, param).cache))),
      bench('JavaScript forward + alt backward, out buffers', () =>
        javascript(() => backwardAlt(dout, forward(x, gamma, beta, param, out).cache, dx)),
      ),
      // Last: its dozen temporaries per call leave the allocator in a state that slows the others.
      bench('staged backward', () => backwardStaged(dout, cache)),
      options,
    );
    const ms = (name: Parameters<typeof results.get>[0]) => results.get(name).latency.p50;
    const staged = ms('staged backward');
    const alt = ms('alt backward');
    const both = ms('forward + alt backward');
    const buffered = ms('forward + alt backward, out buffers');
    let line =
      `(${n}, ${d}) medians: forward ${fmt(ms('forward'))} ms, staged ${fmt(staged)} ms, alt ${fmt(alt)} ms ` +
      `→ alt/staged ${(staged / alt).toFixed(2)}×; forward + alt ${fmt(both)} ms (out buffers ${fmt(buffered)} ms)` +
      `\n  js backend: forward + alt ${fmt(ms('JavaScript forward + alt backward'))} ms ` +
      `(out buffers ${fmt(ms('JavaScript forward + alt backward, out buffers'))} ms)`;
    const cold = numpyTiming(n, d, false);
    const warm = cold && numpyTiming(n, d, true);
    if (cold !== undefined && warm !== undefined) {
      line +=
        `\n  speedup over NumPy ${cold.version}: allocating ${(cold.medianMs / both).toFixed(2)}× (NumPy cold ${fmt(cold.medianMs)} ms), ` +
        `out buffers ${(warm.medianMs / buffered).toFixed(2)}× (NumPy warm ${fmt(warm.medianMs)} ms)`;
    }
    console.log(line);
    summary.push(line);
  });
}

afterAll(() => {
  const [one, five] = loadavg();
  console.log(
    ['', 'batchnorm benchmark summary', ...summary, `load average ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min)`].join('\n'),
  );
});
