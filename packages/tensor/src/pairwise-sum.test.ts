import { describe, expect, it } from 'vitest';
import { pairwiseSum } from './pairwise-sum';
import { RandomState } from './random-state';
import { sum } from './reduce';
import { Tensor } from './tensor';

describe('pairwiseSum', () => {
  it("is np.sum's rounding: 300 copies of ln 2 sum to 300·0.6931471805599453 as NumPy does, not as a loop does", () => {
    const values = new Float64Array(300).fill(Math.LN2);
    let loop = 0;
    for (const v of values) loop += v;
    // NumPy 1.24: 1./300 * np.sum(np.full(300, np.log(2))) is 0.6931471805599453; the plain loop gives …467.
    expect((1 / 300) * pairwiseSum(values)).toBe(Math.LN2);
    expect((1 / 300) * loop).toBe(0.6931471805599467);
  });

  it('agrees with sum (NumPy-checked) on every length up to 600 and on any sub-range', () => {
    const data = new RandomState(7).randn(1000).data;
    for (let n = 0; n <= 600; n++) expect(pairwiseSum(data, 0, n), `n = ${n}`).toBe(sum(new Tensor(data.slice(0, n), [n])).data[0]);
    expect(pairwiseSum(data, 123, 456)).toBe(sum(new Tensor(data.slice(123, 579), [456])).data[0]);
    expect(pairwiseSum(data, 400)).toBe(sum(new Tensor(data.slice(400), [600])).data[0]);
  });

  it('refuses a range outside the values', () => {
    expect(() => pairwiseSum(new Float64Array(4), 2, 3)).toThrow('pairwiseSum: [2, 5) is not a range inside 4 values');
    expect(() => pairwiseSum(new Float64Array(4), -1)).toThrow('pairwiseSum: [-1, 4) is not a range inside 4 values');
  });
});
