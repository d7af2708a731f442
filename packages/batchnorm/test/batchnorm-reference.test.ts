import { tensor } from '@lab/tensor';
import { describe, it } from 'vitest';
import { type BatchnormParam, batchnormBackward, batchnormBackwardAlt, batchnormForward } from '../src/index';
import { expectClose, readReference } from './helpers';
import { REFERENCE_TOLERANCE } from './tolerances';

interface BatchnormReference {
  x: number[][];
  gamma: number[];
  beta: number[];
  dout: number[][];
  eps: number;
  momentum: number;
  expected: {
    out: number[][];
    mean: number[];
    var: number[];
    dx: number[][];
    dgamma: number[];
    dbeta: number[];
    running_mean_after_one_step: number[];
    running_var_after_one_step: number[];
  };
  test_mode: { x: number[][]; expected_out: number[][] };
}

const ref = readReference<BatchnormReference>('batchnorm.json');
const x = tensor(ref.x);
const gamma = tensor(ref.gamma);
const beta = tensor(ref.beta);
const trainParam = (): BatchnormParam => ({ mode: 'train', eps: ref.eps, momentum: ref.momentum });

describe('batch norm against the NumPy reference (N = 4, D = 5)', () => {
  it('train-mode forward: out, batch mean and biased variance', () => {
    const { out, cache } = batchnormForward(x, gamma, beta, trainParam());
    expectClose(out, ref.expected.out, REFERENCE_TOLERANCE);
    expectClose(cache.mean, ref.expected.mean, REFERENCE_TOLERANCE);
    // With momentum 0 the running statistics become the batch statistics exactly.
    const param: BatchnormParam = { mode: 'train', eps: ref.eps, momentum: 0 };
    batchnormForward(x, gamma, beta, param);
    expectClose(param.runningMean!, ref.expected.mean, REFERENCE_TOLERANCE);
    expectClose(param.runningVar!, ref.expected.var, REFERENCE_TOLERANCE);
  });

  it('running statistics after one step, starting from 0 and 1', () => {
    const param = trainParam();
    batchnormForward(x, gamma, beta, param);
    expectClose(param.runningMean!, ref.expected.running_mean_after_one_step, REFERENCE_TOLERANCE);
    expectClose(param.runningVar!, ref.expected.running_var_after_one_step, REFERENCE_TOLERANCE);
  });

  it('test mode uses the running statistics of that step', () => {
    const param = trainParam();
    batchnormForward(x, gamma, beta, param);
    const { out } = batchnormForward(tensor(ref.test_mode.x), gamma, beta, { ...param, mode: 'test' });
    expectClose(out, ref.test_mode.expected_out, REFERENCE_TOLERANCE);
  });

  it.each([
    ['batchnormBackward', batchnormBackward],
    ['batchnormBackwardAlt', batchnormBackwardAlt],
  ])('%s: dx, dgamma, dbeta', (_name, backward) => {
    const { cache } = batchnormForward(x, gamma, beta, trainParam());
    const { dx, dgamma, dbeta } = backward(tensor(ref.dout), cache);
    expectClose(dx, ref.expected.dx, REFERENCE_TOLERANCE);
    expectClose(dgamma, ref.expected.dgamma, REFERENCE_TOLERANCE);
    expectClose(dbeta, ref.expected.dbeta, REFERENCE_TOLERANCE);
  });
});
