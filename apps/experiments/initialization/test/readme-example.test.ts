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
  it('runs: the published costs at iteration 0, and only those compare after 2000 iterations', async () => {
    const { describeEnvironment } = await import('@lab/trainer/node');
    const { runInitializationExperiment, tallyPublished } = await import('../src/index');
    const log: unknown[] = [];
    const console = { log: (value: unknown) => log.push(value) };
    // readme:start
    const record = runInitializationExperiment({ environment: describeEnvironment({}), numIterations: 2000 });
    console.log(record.models.map((m) => [m.name, m.costs[0]?.cost, m.trainAccuracy, m.testAccuracy]));
    // [['zeros', 0.6931471805599453, 0.5, 0.5], ['random', 'Infinity', …], ['he', 0.8830537463419761, …]]
    console.log(tallyPublished(record)); // { matched: 3, total: 3, notComparable: 7 }: only the costs at iteration 0 compare after 2000 iterations
    // readme:end
    const [models, tally] = log as [[string, unknown, number, number][], unknown];
    expect(models.map(([name, cost]) => [name, cost])).toEqual([
      ['zeros', Math.LN2],
      ['random', 'Infinity'],
      ['he', 0.8830537463419761],
    ]);
    expect(models[0]?.slice(2)).toEqual([0.5, 0.5]);
    expect(tally).toEqual({ matched: 3, total: 3, notComparable: 7 });
  }, 600_000);

  it('is the code the README shows', () => {
    const { readme, test } = blocks();
    expect(readme.length).toBeGreaterThan(100);
    expect(test).toBe(readme);
  });
});
