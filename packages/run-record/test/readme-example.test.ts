import { fileURLToPath } from 'node:url';
import { fixtureRecords, runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example on a version 2 train record", async () => {
  const fixture = fixtureRecords().find((f) => f.file === 'v2-train.json');
  const record = fixture?.value as { models: { testAccuracy: number }[]; config: { optimizer: unknown } };
  const { logs } = await runReadmeExample({
    packageDir: fileURLToPath(new URL('..', import.meta.url)),
    files: { 'out/train/run.json': JSON.stringify(record) },
  });
  expect(logs).toEqual([
    ['train', 2, record.models[0]?.testAccuracy],
    [{ kind: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 }],
  ]);
});
