import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_RECORD_VERSION, type TrainRecord } from '@lab/run-record';
import { describe, expect, it } from 'vitest';
import { heading, loadRunRecord, paragraph, parseRunRecord, ReportError, type ReportKind, renderReport, root, toGfm } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

/** A record kind of the tests' own: `{ schemaVersion, kind: 'note', text }`, rendered as a title and the text. */
interface NoteRecord {
  readonly schemaVersion: number;
  readonly kind: 'note';
  readonly text: string;
}

const NOTE_KIND: ReportKind<NoteRecord> = {
  kind: 'note',
  schema: {
    safeParse(value: unknown) {
      const text = (value as { text?: unknown }).text;
      return typeof text === 'string'
        ? { success: true, data: value as NoteRecord }
        : { success: false, error: { issues: [{ path: ['text'], message: `expected string, received ${typeof text}` }] } };
    },
  },
  issues: (record) => (record.text === '' ? [{ path: ['text'], message: 'must not be empty' }] : []),
  render: async (record) => ({ markdown: toGfm(root([heading(1, 'Note'), paragraph(record.text)])), figures: [] }),
};

const dir = mkdtempSync(join(tmpdir(), 'lab-report-validation-'));

/** Writes `value` as run.json in a fresh subdirectory and returns its path. */
function runJson(value: unknown, name = 'run.json'): string {
  const path = join(mkdtempSync(join(dir, 'case-')), name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** A copy of the fixed record as plain JSON, to break on purpose. */
function plain(): Record<string, unknown> & { models: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(syntheticTrainRecord({ courseData: true })));
}

describe('loadRunRecord', () => {
  it('reads back a valid record unchanged', async () => {
    const record = syntheticTrainRecord({ courseData: true });
    expect(await loadRunRecord(runJson(record))).toEqual(record);
  });

  it('names the field path of a wrong type', async () => {
    const value = plain();
    value.models[0] = { ...value.models[0], trainAccuracy: '0.93' };
    await expect(loadRunRecord(runJson(value))).rejects.toThrow(
      /^run\.json: models\[0\]\.trainAccuracy: expected number, received string$/,
    );
  });

  it('names a missing field and counts the other problems', async () => {
    const value = plain();
    delete value.seed;
    value.models[0] = { ...value.models[0], keepProb: null };
    const error = await loadRunRecord(runJson(value)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).message).toBe('run.json: seed: missing (expected number) (and 1 more problem)');
    expect((error as ReportError).issues).toEqual([
      'run.json: seed: missing (expected number)',
      'run.json: models[0].keepProb: expected number, received null',
    ]);
  });

  it('names nested paths inside arrays, tuples and records', async () => {
    const value = plain();
    (value.trainPoints as { x: unknown[][] }).x[4] = [0.1, 'x'];
    await expect(loadRunRecord(runJson(value))).rejects.toThrow('run.json: trainPoints.x[4][1]: expected number, received string');
    const packages = plain();
    (packages.environment as { packages: Record<string, unknown> }).packages['@lab/tensor'] = 1;
    await expect(loadRunRecord(runJson(packages))).rejects.toThrow(
      'run.json: environment.packages["@lab/tensor"]: expected string, received number',
    );
  });

  it('rejects an unknown schemaVersion with a clear message', async () => {
    await expect(loadRunRecord(runJson({ ...plain(), schemaVersion: RUN_RECORD_VERSION + 1 }))).rejects.toThrow(
      `run.json: schemaVersion: version ${RUN_RECORD_VERSION + 1} is not supported (this report reads versions 1, 2): written by a newer lab; upgrade @lab/report`,
    );
    await expect(loadRunRecord(runJson({ ...plain(), schemaVersion: '1' }))).rejects.toThrow(/schemaVersion: version "1" is not supported/);
    await expect(loadRunRecord(runJson({ hello: 'world' }))).rejects.toThrow('run.json: schemaVersion: missing; is this a lab run record?');
  });

  it('rejects an unknown record kind, listing the known ones', async () => {
    await expect(loadRunRecord(runJson({ ...plain(), kind: 'optimizers' }))).rejects.toThrow(
      'run.json: kind: unknown record kind "optimizers" (known: train)',
    );
    await expect(loadRunRecord(runJson({ ...plain(), kind: 'optimizers' }), { kinds: [NOTE_KIND] })).rejects.toThrow(
      'run.json: kind: unknown record kind "optimizers" (known: note, train)',
    );
  });

  it('checks ranges: accuracies and probabilities in [0, 1], durations >= 0, costs finite', async () => {
    const cases: [string, (value: ReturnType<typeof plain>) => void, string][] = [
      [
        'accuracy 1.5',
        (v) => (v.models[0] = { ...v.models[0], trainAccuracy: 1.5 }),
        'models[0].trainAccuracy: Too big: expected number to be <=1',
      ],
      [
        'accuracy -1',
        (v) => (v.models[0] = { ...v.models[0], testAccuracy: -1 }),
        'models[0].testAccuracy: Too small: expected number to be >=0',
      ],
      [
        'negative seconds',
        (v) => (v.models[0] = { ...v.models[0], seconds: -0.5 }),
        'models[0].seconds: Too small: expected number to be >=0',
      ],
      ['negative total', (v) => (v.totalSeconds = -3), 'totalSeconds: Too small: expected number to be >=0'],
      [
        'cost null (NaN)',
        (v) => (v.models[0] = { ...v.models[0], finalCost: null }),
        'models[0].finalCost: expected number, received null',
      ],
      ['keep_prob 0', (v) => (v.models[0] = { ...v.models[0], keepProb: 0 }), 'models[0].keepProb: Too small: expected number to be >0'],
      [
        'probability 2 in a grid',
        (v) => ((v.models[0] as { decisionGrid: { values: number[] } }).decisionGrid.values[7] = 2),
        'models[0].decisionGrid.values[7]: expected a probability in [0, 1], got 2',
      ],
    ];
    for (const [name, breakIt, message] of cases) {
      const value = plain();
      breakIt(value);
      await expect(loadRunRecord(runJson(value)), name).rejects.toThrow(
        new RegExp(`^run\\.json: ${message.replace(/[[\].()*+?]/g, '\\$&')}`),
      );
    }
  });

  it('checks what the schema cannot: grid size, labels', async () => {
    const value = plain();
    const grid = value.models[0]?.decisionGrid as { values: number[] };
    grid.values.pop();
    await expect(loadRunRecord(runJson(value))).rejects.toThrow(
      'run.json: models[0].decisionGrid.values: expected nx·ny = 40·40 = 1600 values, got 1599',
    );
    const labels = plain();
    (labels.trainPoints as { y: number[] }).y[3] = 2;
    await expect(loadRunRecord(runJson(labels))).rejects.toThrow('run.json: trainPoints.y[3]: expected label 0 or 1, got 2');
  });

  it('gives one line for unreadable files and invalid JSON', async () => {
    await expect(loadRunRecord(join(dir, 'absent.json'))).rejects.toThrow(
      new RegExp(`^${join(dir, 'absent.json')}: the file does not exist$`),
    );
    await expect(loadRunRecord(dir)).rejects.toThrow(`${dir}: not a regular file (a directory)`);
    if (process.platform !== 'win32')
      await expect(loadRunRecord('/dev/zero')).rejects.toThrow('/dev/zero: not a regular file (a character device)');
    await expect(loadRunRecord(runJson('{ "schemaVersion": 1,'))).rejects.toThrow(/^run\.json: not valid JSON: /);
    await expect(loadRunRecord(runJson('[1, 2]'))).rejects.toThrow('run.json: expected a run record (a JSON object), got an array');
  });

  it('throws errors that the CLI recognizes as user errors (the @lab/error brand)', async () => {
    const error = await loadRunRecord(runJson('null')).catch((e: unknown) => e);
    expect((error as Record<symbol, unknown>)[Symbol.for('@lab/error')]).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('parseRunRecord and renderReport', () => {
  it('use "run record" when no source is given', () => {
    expect(() => parseRunRecord(42)).toThrow('run record: expected a run record (a JSON object), got 42');
  });

  it('renderReport rejects an inconsistent in-memory record', async () => {
    const record = syntheticTrainRecord();
    const trainPoints = { x: record.trainPoints.x, y: record.trainPoints.y.slice(1) };
    const inconsistent: TrainRecord = { ...record, trainPoints };
    await expect(renderReport(inconsistent)).rejects.toThrow(
      'run record: trainPoints.y: expected 80 labels (one per point in trainPoints.x), got 79',
    );
  });
});

describe('record kinds besides train', () => {
  const note = { schemaVersion: RUN_RECORD_VERSION, kind: 'note', text: 'hello' };

  it('are read, checked and rendered through the kinds option', async () => {
    const record = parseRunRecord(note, { kinds: [NOTE_KIND] });
    expect(record).toEqual(note);
    expect(await renderReport(record, { kinds: [NOTE_KIND] })).toEqual({ markdown: '# Note\n\nhello\n', figures: [] });
    expect(() => parseRunRecord({ ...note, text: 3 }, { kinds: [NOTE_KIND] })).toThrow(
      'run record: text: expected string, received number',
    );
    expect(() => parseRunRecord({ ...note, text: '' }, { kinds: [NOTE_KIND] })).toThrow('run record: text: must not be empty');
  });

  it('are unknown without it', async () => {
    expect(() => parseRunRecord(note)).toThrow('run record: kind: unknown record kind "note" (known: train)');
    await expect(renderReport(note)).rejects.toThrow('run record: kind: unknown record kind "note" (known: train)');
  });

  it('must not take a name twice', () => {
    expect(() => parseRunRecord(note, { kinds: [NOTE_KIND, NOTE_KIND] })).toThrow('report kinds: two kinds are both named "note"');
    expect(() => parseRunRecord(note, { kinds: [{ ...NOTE_KIND, kind: 'train' }] })).toThrow(
      'report kinds: two kinds are both named "train"',
    );
  });
});
