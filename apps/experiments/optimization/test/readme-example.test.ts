import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example: the printed costs after epoch 0, and only those compare after 100 epochs", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toEqual([
    [
      [
        ['gd', '0.690736'],
        ['momentum', '0.690741'],
        ['adam', '0.690552'],
      ],
    ],
    [{ matched: 3, total: 3, notComparable: 3 }],
  ]);
}, 600_000);
