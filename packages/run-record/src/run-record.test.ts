import { describe, expect, it } from 'vitest';
import { fromRecordedCost, recordedCost, toRecordedCost } from './run-record';

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
