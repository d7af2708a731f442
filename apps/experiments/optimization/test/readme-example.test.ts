import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** The README's first ```ts block without its imports, and the text between the markers below (the same code, run here). */
function blocks(): { readme: string; test: string } {
  const block = readFileSync(resolve(here, '../README.md'), 'utf8').match(/```ts\n([\s\S]*?)```/)?.[1] ?? '';
  const readme = block.replace(/^import .*\n/gm, '').trim();
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const test = source.slice(source.indexOf('// readme:start\n') + 16, source.lastIndexOf('    // readme:end'));
  return { readme, test: test.replace(/^ {4}/gm, '').trim() };
}

describe('README example', () => {
  it('runs: the printed costs after epoch 0, and only those compare after 100 epochs', async () => {
    const { describeEnvironment } = await import('@lab/trainer/node');
    const { printedCost, runOptimizationExperiment, tallyPublished } = await import('../src/index');
    const log: unknown[] = [];
    const console = { log: (value: unknown) => log.push(value) };
    // readme:start
    const record = runOptimizationExperiment({ environment: describeEnvironment({}), epochs: 100 });
    console.log(record.models.map((m) => [m.name, printedCost(m.costs[0]?.cost as number)]));
    // [['gd', '0.690736'], ['momentum', '0.690741'], ['adam', '0.690552']]: the course's printed costs after epoch 0
    console.log(tallyPublished(record)); // { matched: 3, total: 3, notComparable: 3 }: the costs after epoch 0 compare, the accuracies need 10000 epochs
    // readme:end
    expect(log).toEqual([
      [
        ['gd', '0.690736'],
        ['momentum', '0.690741'],
        ['adam', '0.690552'],
      ],
      { matched: 3, total: 3, notComparable: 3 },
    ]);
  }, 600_000);

  it('is the code the README shows', () => {
    const { readme, test } = blocks();
    expect(readme.length).toBeGreaterThan(100);
    expect(test).toBe(readme);
  });
});
