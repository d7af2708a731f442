import { readFileSync } from 'node:fs';
import { tensor } from '@lab/tensor';
import { describe, expect, it, vi } from 'vitest';
import { BatchNorm1d, type BatchnormParam, batchnormBackwardAlt, batchnormForward } from '../src/index';

/** The lines of this file between the example markers, i.e. what README.md must show. */
function exampleFromThisFile(): string[] {
  const source = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  const start = source.findIndex((line) => line.trim() === '// README example: start');
  const end = source.findIndex((line) => line.trim() === '// README example: end');
  return source.slice(start + 1, end).map((line) => line.trim());
}

/** The first ```ts block of README.md, without its import lines. */
function exampleFromReadme(): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => !line.startsWith('import ') && line.trim() !== '')
    .map((line) => line.trim());
}

describe('README example', () => {
  it('is the code this test runs', () => {
    expect(exampleFromReadme()).toEqual(exampleFromThisFile().filter((line) => line !== ''));
  });

  it('prints what its comments say', () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => JSON.stringify(a)).join(' '));
    });
    try {
      // README example: start
      const x = tensor([
        [1, 2],
        [3, 6],
      ]); // (N, D) = (2, 2): column means 2 and 4, biased stds 1 and 2
      const param: BatchnormParam = { mode: 'train', eps: 0, momentum: 0.5 };
      const { out, cache } = batchnormForward(x, tensor([1, 1]), tensor([0, 0]), param);
      console.log(out.toArray()); // [[-1,-1],[1,1]]
      console.log(param.runningMean?.toArray(), param.runningVar?.toArray()); // [1,2] [1,2.5]: updated in param
      const { dx, dgamma, dbeta } = batchnormBackwardAlt(
        tensor([
          [1, 0],
          [0, 1],
        ]),
        cache,
      );
      console.log(dx.shape, dgamma.toArray(), dbeta.toArray()); // [2,2] [-1,1] [1,1]

      const layer = new BatchNorm1d(2, { eps: 0, momentum: 0 }); // a Layer: params gamma = 1, beta = 0
      layer.forward(x, 'train'); // batch statistics; running ones := batch ones (momentum 0)
      console.log(layer.forward(tensor([[4, 8]]), 'test').toArray()); // [[2,2]]: (x − 2)/1, (x − 4)/2
      // README example: end
    } finally {
      log.mockRestore();
    }
    expect(printed).toEqual(['[[-1,-1],[1,1]]', '[1,2] [1,2.5]', '[2,2] [-1,1] [1,1]', '[[2,2]]']);
  });
});
