import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings. Unit tests live next to the code (src/**), fixture and
 * cross-module tests in test/**; files named *.slow.test.ts form the separate
 * "slow" project that `pnpm test:slow` runs.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.slow.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
  },
});
