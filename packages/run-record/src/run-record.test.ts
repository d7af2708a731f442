import { describe, expect, it } from 'vitest';
import { fromRecordedCost, toRecordedCost } from './recorded-cost';
import { modelResultSchema, recordedCost } from './run-record';

describe('recorded costs', () => {
  it("write +Infinity as the string 'Infinity' and read it back, finite costs as themselves", () => {
    const costs = [0.8830537463419761, Number.POSITIVE_INFINITY, 0];
    const json = JSON.stringify(costs.map(toRecordedCost));
    expect(json).toBe('[0.8830537463419761,"Infinity",0]');
    const read = (JSON.parse(json) as unknown[]).map((value) => fromRecordedCost(recordedCost.parse(value)));
    expect(read).toEqual(costs);
  });

  it('refuse NaN, −Infinity, null and other strings', () => {
    expect(() => toRecordedCost(Number.NaN)).toThrow('toRecordedCost: a cost must be finite or +Infinity, got NaN');
    expect(() => toRecordedCost(Number.NEGATIVE_INFINITY)).toThrow('got -Infinity');
    for (const value of [null, 'inf', '-Infinity', Number.NaN]) expect(recordedCost.safeParse(value).success, String(value)).toBe(false);
  });
});

describe('a model result', () => {
  const model = {
    name: 'm',
    lambd: 0,
    keepProb: 1,
    costs: [{ iteration: 0, cost: 0.7 }],
    finalCost: 0.5,
    trainAccuracy: 0.9,
    testAccuracy: 0.8,
    seconds: 1,
  };

  it('reads without a test curve (older records) and with one, +∞ costs spelled out', () => {
    expect(modelResultSchema.parse(model)).toEqual(model);
    const testCurve = [
      { iteration: 0, accuracy: 0.5, cost: 'Infinity' },
      { iteration: 10, accuracy: 0.8, cost: 0.4 },
    ];
    expect(modelResultSchema.parse({ ...model, testCurve }).testCurve).toEqual(testCurve);
  });

  it('refuses a test-curve accuracy outside [0, 1] and a negative iteration, naming the path', () => {
    const bad = modelResultSchema.safeParse({ ...model, testCurve: [{ iteration: 0, accuracy: 1.5, cost: 0.4 }] });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['testCurve.0.accuracy']);
    const early = modelResultSchema.safeParse({ ...model, testCurve: [{ iteration: -1, accuracy: 0.5, cost: 0.4 }] });
    expect(early.error?.issues.map((i) => i.path.join('.'))).toEqual(['testCurve.0.iteration']);
  });
});
