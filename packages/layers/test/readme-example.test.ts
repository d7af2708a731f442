import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example: the loss falls from about ln 2 towards 0", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  const losses = logs.map(([loss]) => loss as number);
  expect(losses).toHaveLength(3);
  // Small initial scores: the logistic loss starts near ln 2.
  expect(Math.abs((losses[0] ?? 0) - Math.log(2))).toBeLessThan(0.2);
  expect(losses[2]).toBeLessThan(0.1);
});
