import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';

it("runs the README's example, which prints what its comments say (worked out by hand there)", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs.map((args) => args.map((a) => JSON.stringify(a)).join(' '))).toEqual([
    '[[-1,-1],[1,1]]',
    '[1,2] [1,2.5]',
    '[2,2] [-1,1] [1,1]',
    '[[2,2]]',
  ]);
});
