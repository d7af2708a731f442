import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { ALL_GRADIENT_CHECKS } from './all-checks';
import { type GradientCheck, runGradientChecks } from './gradient-check';

describe('runGradientChecks', () => {
  it('passes every kernel and loss of @lab/layers, @lab/regularizers and @lab/batchnorm', () => {
    const results = runGradientChecks(ALL_GRADIENT_CHECKS);
    expect(results.map((result) => result.name)).toEqual([
      'affine',
      'relu',
      'sigmoid',
      'softmax',
      'binary cross-entropy',
      'binary cross-entropy with logits',
      'softmax cross-entropy',
      'dropout',
      'l2 penalty',
      'batchnorm',
      'batchnorm (backward alt)',
      'layernorm',
    ]);
    for (const result of results) {
      expect(result.passed, result.name).toBe(true);
      for (const error of Object.values(result.errors)) expect(error).toBeLessThan(GRADIENT_CHECK_TOLERANCE);
    }
  });

  it('fails a check whose error reaches the tolerance or is NaN', () => {
    const check = (name: string, error: number): GradientCheck => ({ name, shapes: { x: [2] }, run: () => ({ dx: 1e-12, dw: error }) });
    const results = runGradientChecks([check('ok', 9e-8), check('too big', 1e-7), check('nan', Number.NaN)]);
    expect(results.map((result) => result.passed)).toEqual([true, false, false]);
  });
});
