/**
 * Independent cross-checks in 64-digit arithmetic (mathjs BigNumber) for the kernels the course's
 * fixtures do not cover: softmax, softmax cross-entropy and binary cross-entropy on logits.
 */
import { RandomState } from '@lab/tensor';
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { binaryCrossEntropyWithLogits } from '../src/binary-cross-entropy-with-logits';
import { softmaxForward } from '../src/softmax';
import { softmaxCrossEntropy } from '../src/softmax-cross-entropy';
import { ROUNDING_ABS } from './tolerances';

const big = create(all, { number: 'BigNumber', precision: 64 });
const bn = (v: number) => big.bignumber(v);
type Big = ReturnType<typeof bn>;
const toNumber = (v: unknown) => Number(big.format(v as never, { notation: 'exponential', precision: 25 }));

/** Row-wise softmax of a (N, C) matrix in 64-digit arithmetic, no max subtraction needed. */
function exactSoftmax(rows: number[][]): number[][] {
  return rows.map((row) => {
    const e = row.map((v) => big.exp(bn(v)));
    const total = big.sum(e);
    return e.map((v) => toNumber(big.divide(v, total)));
  });
}

function rowsOf(data: Float64Array, c: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < data.length; i += c) rows.push(Array.from(data.subarray(i, i + c)));
  return rows;
}

describe('mathjs 64-digit cross-checks', () => {
  const rng = new RandomState(11);
  const x = rng.randn(6, 4);
  for (let i = 0; i < x.size; i++) x.data[i] *= 5;

  it('softmaxForward matches the exact softmax', () => {
    const expected = exactSoftmax(rowsOf(x.data, 4)).flat();
    const { out } = softmaxForward(x);
    expected.forEach((v, i) => expect(Math.abs(out.data[i] - v)).toBeLessThan(ROUNDING_ABS));
  });

  it('softmaxCrossEntropy matches −mean log p[label] and (p − onehot)/N', () => {
    const labels = [0, 3, 1, 2, 2, 1];
    const p = exactSoftmax(rowsOf(x.data, 4));
    const loss = labels.reduce((s, label, n) => s - Math.log(p[n][label]), 0) / labels.length;
    const result = softmaxCrossEntropy(x, labels);
    expect(Math.abs(result.loss - loss)).toBeLessThan(ROUNDING_ABS * 10);
    p.forEach((row, n) =>
      row.forEach((v, c) => expect(Math.abs(result.dx.data[n * 4 + c] - (v - (c === labels[n] ? 1 : 0)) / 6)).toBeLessThan(ROUNDING_ABS)),
    );
  });

  it('binaryCrossEntropyWithLogits matches −mean[y log σ(z) + (1 − y) log(1 − σ(z))], saturated logits included', () => {
    const z = rng.randn(8, 1);
    z.data.set([40, -40, 35.5, -35.5], 0);
    const y = rng.randint(0, 2, [8, 1]);
    let sum = bn(0);
    const grads: number[] = [];
    for (let i = 0; i < 8; i++) {
      const sigma = big.divide(1, big.add(1, big.exp(bn(-z.data[i])))) as Big;
      const t = bn(y.data[i]);
      const oneMinusSigma = big.subtract(1, sigma) as Big;
      const term = big.add(big.multiply(t, big.log(sigma)), big.multiply(big.subtract(1, t), big.log(oneMinusSigma)));
      sum = big.subtract(sum, term) as Big;
      grads.push(toNumber(big.divide(big.subtract(sigma, t), 8)));
    }
    const { loss, dx } = binaryCrossEntropyWithLogits(z, y);
    expect(Math.abs(loss - toNumber(big.divide(sum, 8)))).toBeLessThan(ROUNDING_ABS * 10);
    grads.forEach((v, i) => expect(Math.abs(dx.data[i] - v)).toBeLessThan(ROUNDING_ABS));
  });
});
