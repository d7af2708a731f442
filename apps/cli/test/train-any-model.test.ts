import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classColors } from '@lab/report';
import { markItems, parseSvg } from '@lab/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/output/run-summary';
import { runCli, tempDir } from './helpers/run-cli';
import { checkpointedBlobsConfig } from './helpers/run-configs';

/** The repository's examples/ folder. */
const EXAMPLES = new URL('../../../examples/', import.meta.url).pathname;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
interface TrainedRecord {
  models: {
    costs: { iteration: number; cost: number }[];
    trainAccuracy: number;
    testAccuracy: number;
    finalCost: number;
    seconds: number;
  }[];
  training: Record<string, unknown> & { numIterations: number };
  dataset: { classes?: number };
  config: unknown;
}

describe('examples/spiral-softmax.yaml through lab train', () => {
  let summary: RunSummary;
  beforeAll(async () => {
    const { code, stdout, stderr } = await runCli(
      ['train', '--config', join(EXAMPLES, 'spiral-softmax.yaml'), '--out', 'spiral', '--json'],
      dir.path,
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    summary = JSON.parse(stdout) as RunSummary;
  });

  it('trains the multi-class net; --json names the run record, which states the training’s seconds', async () => {
    expect(summary.runRecord).toBe(join(dir.path, 'spiral', 'run.json'));
    const record = await readJson<TrainedRecord>(summary.runRecord);
    const [model] = record.models;
    expect(model?.seconds).toBeGreaterThan(0);
    expect(model?.trainAccuracy).toBeGreaterThan(0.95);
    expect(model?.testAccuracy).toBeGreaterThan(0.9);
    expect(record.dataset.classes).toBe(3);
    expect(summary.models[0]).toMatchObject({ name: 'spiral softmax', trainAccuracy: model?.trainAccuracy });
  });

  it('draws a decision region for each of the three classes, with the training points of each class', async () => {
    const svg = parseSvg(await readFile(join(dir.path, 'spiral', 'decision-boundary-spiral-softmax.svg'), 'utf8'));
    const report = await readFile(join(dir.path, 'spiral', 'report.md'), 'utf8');
    expect(report).toContain('![Decision boundary of spiral softmax](decision-boundary-spiral-softmax.svg)');
    const colors = classColors(3);
    const regionFills = new Set(markItems(svg, 'rect').map((r) => r.attributes.fill));
    const points = markItems(svg, 'symbol');
    expect(regionFills).toEqual(new Set(colors.region));
    expect(points).toHaveLength(210);
    expect(new Set(points.map((p) => p.attributes.fill))).toEqual(new Set(colors.point));
  });

  it('reruns from its run record (a record as the config), with the same results', async () => {
    const { code, stdout } = await runCli(['train', '--config', 'spiral/run.json', '--out', 'again', '--json'], dir.path);
    expect(code).toBe(0);
    const first = await readJson<TrainedRecord>(join(dir.path, 'spiral', 'run.json'));
    const again = await readJson<TrainedRecord>((JSON.parse(stdout) as RunSummary).runRecord);
    expect(again.config).toEqual(first.config);
    const strip = ({ seconds: _s, ...model }: TrainedRecord['models'][number]) => model;
    expect(again.models.map(strip)).toEqual(first.models.map(strip));
  });
});

describe('lab train --data', () => {
  it('replaces a CSV config’s file', async () => {
    await writeFile(join(dir.path, 'a.csv'), '0,0,0\n1,1,1\n0,1,1\n1,0,0\n2,2,1\n2,0,0\n');
    await writeFile(join(dir.path, 'b.csv'), '0,0,1\n1,1,0\n0,1,0\n1,0,1\n2,2,0\n2,0,1\n');
    const config = `data: { kind: csv, path: a.csv, testFraction: 0.5 }
model: { layers: [{ kind: linear, units: 1 }, { kind: sigmoid }], loss: binary-cross-entropy }
optimizer: { kind: gd, learningRate: 0.5 }
training: { iterations: 3 }
`;
    await writeFile(join(dir.path, 'csv.yaml'), config);
    const { code, stderr } = await runCli(['train', '--config', 'csv.yaml', '--data', 'b.csv', '--out', 'csv', '--quiet'], dir.path);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const record = await readJson<{ dataset: { path: string }; config: { data: { path: string } } }>(join(dir.path, 'csv', 'run.json'));
    expect(record.dataset.path).toBe('b.csv');
    // The record's config names it relative to the record's folder, as a rerun of run.json resolves it.
    expect(record.config.data.path).toBe(join('..', 'b.csv'));
  });

  it('is refused for built-in data, naming the config', async () => {
    const { code, stdout, stderr } = await runCli(
      ['train', '--config', join(EXAMPLES, 'spiral-softmax.yaml'), '--data', 'b.csv'],
      dir.path,
    );
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "lab: spiral-softmax.yaml: data.kind: --data replaces the path of a mat or csv file, but this config's data is spiral (built-in)\n",
    });
  });
});

describe('checkpoints and --resume', () => {
  beforeAll(async () => {
    await writeFile(join(dir.path, 'two.yaml'), checkpointedBlobsConfig(2, 'state/checkpoint.json'));
    await writeFile(join(dir.path, 'five.yaml'), checkpointedBlobsConfig(5, 'state/checkpoint.json'));
  });

  it('a run stopped after 2 epochs and resumed with --resume ends as a run of 5 epochs did', async () => {
    const straight = await runCli(['train', '--config', 'five.yaml', '--out', 'straight', '--quiet'], dir.path);
    expect(straight.code).toBe(0);
    const part = await runCli(['train', '--config', 'two.yaml', '--out', 'resumed', '--quiet'], dir.path);
    expect(part.code).toBe(0);
    const resumed = await runCli(['train', '--config', 'five.yaml', '--out', 'resumed', '--resume', '--quiet'], dir.path);
    expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({ code: 0, stderr: '' });
    const a = await readJson<TrainedRecord>(join(dir.path, 'straight', 'run.json'));
    const b = await readJson<TrainedRecord>(join(dir.path, 'resumed', 'run.json'));
    const strip = ({ seconds: _s, ...model }: TrainedRecord['models'][number]) => model;
    expect(b.models.map(strip)).toEqual(a.models.map(strip));
    // 84 training rows in batches of 16: 6 steps per epoch, so the resume started at step 12.
    expect(b.training.resumedFrom).toEqual({ path: join(dir.path, 'resumed.checkpoints', 'state', 'checkpoint.json'), iteration: 12 });
    expect(a.training.numIterations).toBe(30);
  });

  it('says when a run starts over a checkpoint it replaces', async () => {
    const again = await runCli(['train', '--config', 'two.yaml', '--out', 'resumed'], dir.path);
    expect(again.code).toBe(0);
    expect(again.stderr.split('\n')[0]).toBe(
      'lab: note: resumed.checkpoints/state/checkpoint.json exists; this run starts over and replaces it (--resume continues it)',
    );
  });

  it('--resume names what is missing: checkpoints in the config, or a checkpoint on disk', async () => {
    const none = await runCli(['train', '--config', join(EXAMPLES, 'spiral-softmax.yaml'), '--resume'], dir.path);
    expect({ code: none.code, stderr: none.stderr }).toEqual({
      code: 1,
      stderr: 'lab: --resume: spiral-softmax.yaml has no training.checkpoints, so there is no checkpoint to resume from\n',
    });
    const absent = await runCli(['train', '--config', 'five.yaml', '--out', 'fresh', '--resume'], dir.path);
    expect({ code: absent.code, stderr: absent.stderr }).toEqual({
      code: 1,
      stderr: `lab: --resume: ${join(dir.path, 'fresh.checkpoints', 'state', 'checkpoint.json')}: the file does not exist (no checkpoint to resume from yet)\n`,
    });
  });

  it('refuses to resume another run’s checkpoint, naming the field that differs', async () => {
    await writeFile(
      join(dir.path, 'other.yaml'),
      checkpointedBlobsConfig(5, 'state/checkpoint.json').replace('learningRate: 0.01', 'learningRate: 0.02'),
    );
    const other = await runCli(['train', '--config', 'other.yaml', '--out', 'resumed', '--resume'], dir.path);
    expect({ code: other.code, stderr: other.stderr }).toEqual({
      code: 1,
      stderr: `lab: ${join(dir.path, 'resumed.checkpoints', 'state', 'checkpoint.json')}: saved by a run whose optimizer differs from this config's: resume with the config the run started with\n`,
    });
  });
});
