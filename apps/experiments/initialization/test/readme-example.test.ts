import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example: the published costs at iteration 0, and only those compare after 2000 iterations", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toHaveLength(2);
  const models = logs[0]?.[0] as [string, unknown, number, number][];
  expect(models.map(([name, cost]) => [name, cost])).toEqual([
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the course's printed cost, as printed
    ['zeros', 0.6931471805599453],
    ['random', 'Infinity'],
    ['he', 0.8830537463419761],
  ]);
  expect(models[0]?.slice(2)).toEqual([0.5, 0.5]);
  expect(logs[1]).toEqual([{ matched: 3, total: 3, notComparable: 7 }]);
}, 600_000);
