import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runReadmeExample } from '../src/readme-example';

it("runs this package's README example", async () => {
  const { logs } = await runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
  expect(logs).toEqual([[2]]);
});
