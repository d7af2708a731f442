import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// V8 optimizes on a background thread by default; on a loaded machine it can settle on code for the
// compiled step that boxes one double per call (16 bytes a step, for good: seen in CI and with five busy
// loops beside the test, 2 runs of 3), and src/compile/allocation.test.ts fails on V8's timing, not
// lab's code. Optimizing on the test's own thread makes that code the same under any load (3 of 3).
// Benchmarks keep V8's defaults: they measure what users run.
export default defineConfig((env) =>
  mergeConfig(shared, env.mode === 'benchmark' ? {} : { test: { execArgv: ['--no-concurrent-recompilation'] } }),
);
