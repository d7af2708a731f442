import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example: the regularized cost falls, and test mode classifies the four points", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toHaveLength(4);
  const costs = logs.slice(0, 3).map(([cost]) => cost as number);
  expect(costs[2]).toBeLessThan(costs[0] ?? 0);
  expect(logs[3]).toEqual([[1, 0, 1, 0]]);
});
