import { ones, Tensor, tensor, zeros } from '@lab/tensor';
import { describe, it } from 'vitest';
import { layernormBackward, layernormForward } from '../src/index';
import { expectClose, readReference } from './helpers';
import { REFERENCE_TOLERANCE } from './tolerances';

interface BatchnormReference {
  x: number[][];
  gamma: number[];
  beta: number[];
  dout: number[][];
  eps: number;
  expected: { out: number[][]; dx: number[][] };
}

/**
 * There is no NumPy layer-norm vector file, but layer norm of xᵀ is batch norm of x transposed:
 * each row of xᵀ is a column of x. With γ = 1 and β = 0 the layer-norm output is x̂ᵀ, which the
 * batch-norm reference gives as (out − β)/γ; and the batch-norm dx is the layer-norm dx of xᵀ
 * for the upstream gradient (γ·dout)ᵀ, since batch norm's backward only sees dx̂ = γ·dout.
 */
const ref = readReference<BatchnormReference>('batchnorm.json');
const transpose = (rows: number[][]): number[][] => rows[0].map((_, j) => rows.map((row) => row[j]));
const n = ref.x.length;
const d = ref.x[0].length;

describe('layer norm against the NumPy batch-norm reference, transposed', () => {
  it('layernormForward(xᵀ) is x̂ᵀ', () => {
    const { out } = layernormForward(tensor(transpose(ref.x)), ones(n), zeros(n), { eps: ref.eps });
    const xhat = ref.expected.out.map((row) => row.map((v, j) => (v - ref.beta[j]) / ref.gamma[j]));
    expectClose(out, transpose(xhat), REFERENCE_TOLERANCE);
  });

  it('layernormBackward gives the reference dx, transposed', () => {
    const { cache } = layernormForward(tensor(transpose(ref.x)), ones(n), zeros(n), { eps: ref.eps });
    const dxhat = ref.dout.map((row) => row.map((v, j) => v * ref.gamma[j]));
    const { dx } = layernormBackward(new Tensor(Float64Array.from(transpose(dxhat).flat()), [d, n]), cache);
    expectClose(dx, transpose(ref.expected.dx), REFERENCE_TOLERANCE);
  });
});
