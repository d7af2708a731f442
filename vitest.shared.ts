import { defineConfig } from 'vitest/config';
import { FootballReporter, footballTag } from './vitest.football.ts';

// vitest 5 prints failure summaries with Map.groupBy, which Node 20 lacks (Node >= 21 has it).
// Without this, a failing test crashes the reporter instead of showing the failure.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, V>(items: Iterable<V>, keyOf: (item: V, index: number) => K): Map<K, V[]> {
      const groups = new Map<K, V[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group === undefined) groups.set(key, [item]);
        else group.push(item);
      }
      return groups;
    },
  });
}

/**
 * Shared vitest settings. Unit tests live next to the code (src/**), fixture and
 * cross-module tests in test/**; files named *.slow.test.ts form the separate
 * "slow" project that `pnpm test:slow` runs. Tests tagged `football` need the course's football.mat
 * (see vitest.football.ts): skipped with one line where it is absent, failed with LAB_REQUIRE_FOOTBALL=1.
 */
const shared = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.slow.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 60_000,
    // Some suites train a model or render figures once in beforeAll: on a loaded 2-core machine that takes a while.
    hookTimeout: 120_000,
    tags: [footballTag()],
    reporters: ['default', new FootballReporter()],
  },
});

export default shared;

/** The slow project's settings (`vitest.slow.config.ts`): the shared ones, with only `*.slow.test.ts` and a long timeout. */
export const slowTests = defineConfig({
  ...shared,
  test: { ...shared.test, include: ['test/**/*.slow.test.ts'], exclude: ['**/node_modules/**', '**/dist/**'], testTimeout: 600_000 },
});
