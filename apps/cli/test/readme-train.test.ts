import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRunConfig } from '@lab/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, tempDir } from './helpers/run-cli';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const EXAMPLES = new URL('../../../examples/', import.meta.url);

/** The README's `lab train` section: from its heading to the next command's. */
function trainSection(): string {
  const start = README.indexOf('### `lab train --config <file>`');
  const end = README.indexOf('### `lab sweep --config <file>`');
  expect(start, 'the lab train section').toBeGreaterThanOrEqual(0);
  expect(end, 'the section after it').toBeGreaterThan(start);
  return README.slice(start, end);
}

/** Each fenced YAML block of the section, with its first line (`# examples/…` or `# run.yaml…`). */
function yamlBlocks(): { title: string; body: string; text: string }[] {
  return [...trainSection().matchAll(/```yaml\n([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({
    title: m[1] ?? '',
    body: m[2] ?? '',
    text: `${m[1]}\n${m[2]}`,
  }));
}

describe("the CLI README's run configs", () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => dir.cleanup());

  it('shows the examples as they are in examples/, and three run configs in all', () => {
    const blocks = yamlBlocks();
    expect(blocks.map((b) => b.title)).toEqual([
      '# examples/spiral-softmax.yaml',
      '# run.yaml: a deeper net on the moons, in mini-batches, stopping early, with checkpoints',
      '# examples/football-dropout.yaml',
    ]);
    for (const { title, body } of blocks.filter((b) => b.title.startsWith('# examples/'))) {
      const file = readFileSync(new URL(title.slice('# examples/'.length), EXAMPLES), 'utf8');
      // The file's own first line is its title comment; the README shows its path there instead.
      expect(body, title).toBe(file.slice(file.indexOf('\n') + 1));
    }
  });

  it('documents every layer kind, data kind, optimizer and schedule the schema takes', () => {
    const section = trainSection();
    for (const kind of ['linear', 'relu', 'sigmoid', 'softmax', 'dropout', 'batchnorm', 'layernorm'])
      expect(section).toContain(`{ kind: ${kind}`);
    for (const kind of ['course', 'he', 'xavier', 'scaled-normal', 'zeros']) expect(section).toContain(`\`${kind}\``);
    for (const kind of ['football', 'moons', 'circles', 'spiral', 'blobs', 'planar-flower', 'mat', 'csv', 'mnist'])
      expect(section).toContain(`| \`${kind}\` |`);
    for (const kind of ['gd', 'momentum', 'rmsprop', 'adam', 'constant', 'step', 'exponential', 'inverse-time', 'expression']) {
      expect(section).toContain(`| \`${kind}\` |`);
    }
    for (const field of [
      'earlyStopping',
      'checkpoints',
      '--resume',
      'batchSize',
      'epochs',
      'costEvery',
      'l2',
      'keepProb',
      'masks: course',
    ]) {
      expect(section).toContain(field);
    }
  });

  it("the trainer README's run config is valid too", () => {
    const trainer = readFileSync(new URL('../../../packages/trainer/README.md', import.meta.url), 'utf8');
    const section = trainer.slice(trainer.indexOf('## Run configs'), trainer.indexOf('## Sweeps'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toContain('layers:');
    expect(() => parseRunConfig(parse(block ?? ''), 'trainer README')).not.toThrow();
  });

  it('every config in it is valid, and the run.yaml one trains', async () => {
    for (const { title, text } of yamlBlocks()) expect(() => parseRunConfig(parse(text), title), title).not.toThrow();
    const runYaml = yamlBlocks().find((b) => b.title.startsWith('# run.yaml'));
    await writeFile(join(dir.path, 'run.yaml'), runYaml?.text ?? '');
    const { code, stderr } = await runCli(['train', '--config', 'run.yaml', '--quiet'], dir.path);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
