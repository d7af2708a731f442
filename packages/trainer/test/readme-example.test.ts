import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example: early stopping ends the run, and the resumed run is the same run", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toHaveLength(2);
  const [iterations, bestEpoch] = logs[0] as [number, number];
  // 211 rows in batches of 64: 4 steps per epoch. Early stopping ended the run before 2000 steps,
  // 30 epochs after the best one.
  expect(iterations % 4).toBe(0);
  expect(iterations).toBeLessThan(2000);
  expect(iterations / 4 - bestEpoch).toBe(30);
  // The README's interrupted run stops at iteration 100: before early stopping, or there is nothing to resume.
  expect(iterations).toBeGreaterThan(100);
  expect(logs[1]).toEqual([true]);
});
