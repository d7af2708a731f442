import { fileURLToPath } from 'node:url';
import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example: the three backwards pass their checks, and parts 4–6 are 51 jobs", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toHaveLength(2);
  const checks = logs[0]?.[0] as [string, number][];
  expect(checks.map(([kernel]) => kernel)).toEqual(['batchnormBackward', 'batchnormBackwardAlt', 'layernormBackward']);
  for (const [, dx] of checks) expect(dx).toBeLessThan(GRADIENT_CHECK_TOLERANCE);
  // 2 deep MLPs, 20 scales × 2, 3 batch sizes × 3 normalizations
  expect(logs[1]).toEqual([2 + 40 + 9]);
});
