import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example: the course's three models on the built-in field, with nothing to compare", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toHaveLength(2);
  const models = logs[0]?.[0] as [string, number, number][];
  expect(models.map(([name]) => name)).toEqual(['no regularization', 'L2', 'dropout']);
  for (const [, train, test] of models) {
    expect(train).toBeGreaterThan(0.8);
    expect(test).toBeGreaterThan(0.8);
  }
  expect(logs[1]).toEqual([undefined]);
});
