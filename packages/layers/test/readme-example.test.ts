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
  it('runs and learns', async () => {
    const { binaryCrossEntropyWithLogits, heInit, Linear, ReLU, Sequential } = await import('../src/index');
    const { RandomState, tensor } = await import('@lab/tensor');
    const log: number[] = [];
    const console = { log: (loss: number) => log.push(loss) };
    // readme:start
    const rng = new RandomState(3);
    const model = new Sequential([new Linear(2, 8, rng, { init: heInit }), new ReLU(), new Linear(8, 1, rng)]);
    const x = tensor([
      [0.1, 0.2],
      [-0.3, 0.5],
      [0.7, -0.1],
      [-0.6, -0.4],
    ]); // (N, D) = (4, 2)
    const y = tensor([[1], [0], [1], [0]]); // (N, 1)
    for (let step = 0; step <= 200; step++) {
      const { loss, dx } = binaryCrossEntropyWithLogits(model.forward(x, 'train'), y);
      model.backward(dx); // fills every param's grad
      for (const p of model.params()) for (let i = 0; i < p.value.size; i++) p.value.data[i] -= 0.5 * p.grad.data[i];
      if (step % 100 === 0) console.log(loss); // falls from about 0.7 towards 0
    }
    // readme:end
    expect(log).toHaveLength(3);
    expect(log[2]).toBeLessThan(log[0]);
    expect(log[2]).toBeLessThan(0.1);
  });

  it('is the code the README shows', () => {
    const { readme, test } = blocks();
    const imports =
      "import { binaryCrossEntropyWithLogits, heInit, Linear, ReLU, Sequential } from '@lab/layers';\nimport { RandomState, tensor } from '@lab/tensor';\n\n";
    expect(readme).toBe(imports + test);
  });
});
