import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { add, matmul, numericGradient, ones, RandomState, relError, sum, tensor } from '../src/index';

// biome-ignore format: the body must stay character for character the README example
function readmeExample(): void {
  // README example start
  const rng = new RandomState(1);
  const w = rng.randn(2, 3); // the same numbers as np.random.seed(1); np.random.randn(2, 3)
  console.log(w.shape, w.data[0]); // [2, 3] 1.6243453636632417
  const x = tensor([[1, 2], [3, 4]]); // (N, D) = (2, 2)
  const b = tensor([0.5, -0.5, 0]); // (M,) = (3,), broadcast over the rows
  const out = add(matmul(x, w), b); // (N, M) = (2, 3)
  console.log(sum(out, { axis: 0 }).toArray()); // (3,): column sums
  const dout = ones(2, 3);
  const dw = numericGradient((v) => add(matmul(x, v), b), w, dout); // (2, 3)
  console.log(relError(dw, matmul(x, dout, { transposeA: true })) < 1e-7); // true: dw = xᵀ·dout
  // README example end
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start) + start.length;
  return text.slice(from, text.indexOf(end, from)).trim();
}

describe('README example', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is the code in README.md, line for line', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = between(readme, '```ts\n', '\n```').split('\n');
    expect(block[0]).toBe("import { add, matmul, numericGradient, ones, RandomState, relError, sum, tensor } from '@lab/tensor';");
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const example = between(source, '// README example start', '// README example end')
      .split('\n')
      .map((line) => line.trim());
    expect(block.slice(2)).toEqual(example);
  });

  it('runs and prints what its comments say', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    readmeExample();
    expect(log.mock.calls[0]).toEqual([[2, 3], 1.6243453636632417]);
    expect((log.mock.calls[1][0] as number[]).length).toBe(3);
    expect(log.mock.calls[2]).toEqual([true]);
  });
});
