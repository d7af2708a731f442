import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example, which prints what its comments say", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toHaveLength(3);
  // np.random.seed(1); np.random.randn(2, 3)[0, 0] (NumPy 1.24)
  expect(logs[0]).toEqual([[2, 3], 1.6243453636632417]);
  expect(logs[1]?.[0]).toHaveLength(3);
  expect(logs[2]).toEqual([true]);
});
