import { ConfigError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { createOptimizer, type OptimizerSpec } from './create-optimizer';
import { GradientDescent } from './gradient-descent';
import { Momentum } from './momentum';
import { RMSProp } from './rmsprop';

describe('createOptimizer', () => {
  it('builds each kind with its hyperparameters', () => {
    expect(createOptimizer({ kind: 'gd', learningRate: 0.3 })).toBeInstanceOf(GradientDescent);
    expect(createOptimizer({ kind: 'momentum', learningRate: 0.1, beta: 0.8 })).toBeInstanceOf(Momentum);
    expect(createOptimizer({ kind: 'rmsprop', learningRate: 0.1, epsilon: 1e-6 })).toBeInstanceOf(RMSProp);
    const adam = createOptimizer({ kind: 'adam', learningRate: 0.0007, beta2: 0.99, weightDecay: 0.01, beta: undefined });
    expect(adam).toBeInstanceOf(Adam);
    expect(adam.kind).toBe('adam');
    expect(adam.state().hyperparameters).toEqual({ learningRate: 0.0007, weightDecay: 0.01, beta1: 0.9, beta2: 0.99, epsilon: 1e-8 });
  });

  it('rejects unknown kinds, fields of another kind and bad values with one clear line', () => {
    expect(() => createOptimizer({ kind: 'sgd', learningRate: 0.1 } as unknown as OptimizerSpec)).toThrow(
      "createOptimizer: kind must be one of 'gd', 'momentum', 'rmsprop', 'adam', got \"sgd\"",
    );
    expect(() => createOptimizer({ kind: 'momentum', learningRate: 0.1, beta1: 0.9 })).toThrow(
      'createOptimizer: beta1 does not apply to momentum (it takes beta)',
    );
    expect(() => createOptimizer({ kind: 'gd', learningRate: 0.1, epsilon: 1e-8 })).toThrow(
      'createOptimizer: epsilon does not apply to gd (it takes only learningRate and weightDecay)',
    );
    expect(() => createOptimizer({ kind: 'adam', learningRate: 0 })).toThrow(ConfigError);
    expect(() => createOptimizer({ kind: 'adam', learningRate: 0 })).toThrow('Adam: learningRate must be > 0, got 0');
  });
});
