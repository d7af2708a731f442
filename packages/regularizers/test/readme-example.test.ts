import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** The README's first ```ts block, and the text between the markers below (the same code, run here). */
function blocks(): { readme: string; test: string } {
  const readme = readFileSync(resolve(here, '../README.md'), 'utf8').match(/```ts\n([\s\S]*?)```/)?.[1] ?? '';
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const test = source.slice(source.indexOf('// readme:start\n') + 16, source.indexOf('    // readme:end'));
  return { readme, test: test.replace(/^ {4}/gm, '') };
}

describe('README example', () => {
  it('runs: the regularized cost falls, and test mode turns dropout off', async () => {
    const { binaryCrossEntropyWithLogits, Linear, ReLU, Sequential } = await import('@lab/layers');
    const { addL2Gradients, Dropout, l2PenaltyOfParams } = await import('../src/index');
    const { RandomState, tensor } = await import('@lab/tensor');
    const log: number[] = [];
    const console = { log: (cost: number) => log.push(cost) };
    // readme:start
    const rng = new RandomState(3);
    const model = new Sequential([new Linear(2, 8, rng), new ReLU(), new Dropout(0.86, rng), new Linear(8, 1, rng)]);
    const x = tensor([
      [0.1, 0.2],
      [-0.3, 0.5],
      [0.7, -0.1],
      [-0.6, -0.4],
    ]); // (N, D) = (4, 2)
    const y = tensor([[1], [0], [1], [0]]); // (N, 1)
    const lambd = 0.1;
    const m = x.rows;
    for (let step = 0; step <= 300; step++) {
      const { loss, dx } = binaryCrossEntropyWithLogits(model.forward(x, 'train'), y); // fresh dropout masks
      const cost = loss + l2PenaltyOfParams(model.params(), lambd, m); // (1/m)(λ/2)(‖W1‖² + ‖W2‖²)
      model.backward(dx);
      addL2Gradients(model.params(), lambd, m); // dW += (λ/m)·W; biases untouched
      for (const p of model.params()) for (let i = 0; i < p.value.size; i++) p.value.data[i] -= 0.5 * p.grad.data[i];
      if (step % 150 === 0) console.log(cost);
    }
    const scores = model.forward(x, 'test'); // dropout is the identity in 'test' mode
    // readme:end
    expect(log).toHaveLength(3);
    expect(log[2]).toBeLessThan(log[0]);
    expect(Array.from(scores.data, (s) => (s > 0 ? 1 : 0))).toEqual([1, 0, 1, 0]);
  });

  it('is the code the README shows', () => {
    const { readme, test } = blocks();
    const imports = [
      "import { binaryCrossEntropyWithLogits, Linear, ReLU, Sequential } from '@lab/layers';",
      "import { addL2Gradients, Dropout, l2PenaltyOfParams } from '@lab/regularizers';",
      "import { RandomState, tensor } from '@lab/tensor';",
      '',
      '',
    ].join('\n');
    expect(readme).toBe(imports + test);
  });
});
