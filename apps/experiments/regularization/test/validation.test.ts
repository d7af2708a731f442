import { parseRunRecord, ReportError, renderReport } from '@lab/report';
import { describe, expect, it } from 'vitest';
import { type RegularizationRecord, regularizationReportKind } from '../src/index';
import { syntheticRecord } from './fixtures/synthetic-record';

const kinds = [regularizationReportKind];

/** A copy of the fixed record as plain JSON, to break on purpose. */
function plain(): Record<string, unknown> & { models: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(syntheticRecord({ courseData: true })));
}

describe('regularization records', () => {
  it('read back unchanged through the regularization kind', () => {
    const record = syntheticRecord({ courseData: true });
    expect(parseRunRecord(plain(), { kinds, source: 'run.json' })).toEqual(record);
  });

  it('are unknown to the report without the kind', () => {
    expect(() => parseRunRecord(plain(), { source: 'run.json' })).toThrow(
      'run.json: kind: unknown record kind "regularization" (known: train)',
    );
  });

  it('name the field path of a wrong type, and count the other problems', () => {
    const value = plain();
    value.models[1] = { ...value.models[1], trainAccuracy: '0.93' };
    value.models[2] = { ...value.models[2], published: { costAt0: 1, trainAccuracy: 1 } };
    const error = (() => {
      try {
        return parseRunRecord(value, { kinds, source: 'run.json' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).issues).toEqual([
      'run.json: models[1].trainAccuracy: expected number, received string',
      'run.json: models[2].published.testAccuracy: missing (expected number)',
    ]);
  });

  it('are checked for what the schema cannot express: grid size, labels', () => {
    const value = plain();
    const grid = value.models[2]?.decisionGrid as { values: number[] };
    grid.values.pop();
    expect(() => parseRunRecord(value, { kinds, source: 'run.json' })).toThrow(
      'run.json: models[2].decisionGrid.values: expected nx·ny = 40·40 = 1600 values, got 1599',
    );
    const labels = plain();
    (labels.trainPoints as { y: number[] }).y[3] = 2;
    expect(() => parseRunRecord(labels, { kinds, source: 'run.json' })).toThrow('run.json: trainPoints.y[3]: expected label 0 or 1, got 2');
  });

  it('still include the records lab train wrote before the train kind (one model, kind regularization)', async () => {
    const record = syntheticRecord();
    const old = { ...record, models: [{ ...record.models[1], name: 'moons, Adam' }] };
    const parsed = parseRunRecord(JSON.parse(JSON.stringify(old)), { kinds }) as RegularizationRecord;
    expect(parsed.models).toHaveLength(1);
    expect((await renderReport(parsed, { kinds })).markdown.startsWith('# Regularization experiment\n\nOne model (moons, Adam)')).toBe(
      true,
    );
  });
});
