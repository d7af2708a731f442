import { ConfigError } from '@lab/tensor';
import { describeValue, isRecord } from '../internal/validate';
import { Adam } from './adam';
import { GradientDescent } from './gradient-descent';
import type { Optimizer, OptimizerKind } from './index';
import { Momentum } from './momentum';
import { RMSProp } from './rmsprop';
import type { DecayFilter } from './weight-decay';

/**
 * A plain description of an optimizer, as a run config holds it. Only the fields of
 * the chosen kind may be set: `beta` (momentum, rmsprop), `beta1`/`beta2` (adam),
 * `epsilon` (rmsprop, adam); `learningRate` and `weightDecay` apply to all.
 */
export interface OptimizerSpec {
  readonly kind: OptimizerKind;
  readonly learningRate: number;
  readonly beta?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly weightDecay?: number;
  /** Not JSON: which params weight decay applies to (default: not `b*`, `beta*`, `gamma*`). */
  readonly decayFilter?: DecayFilter;
}

const FIELDS: Readonly<Record<OptimizerKind, readonly string[]>> = {
  gd: [],
  momentum: ['beta'],
  rmsprop: ['beta', 'epsilon'],
  adam: ['beta1', 'beta2', 'epsilon'],
};
const COMMON = ['kind', 'learningRate', 'weightDecay', 'decayFilter'];

/**
 * Builds an optimizer from a plain spec, e.g. `{ kind: 'adam', learningRate: 0.0007 }`.
 * Fields set to `undefined` count as absent.
 * @throws ConfigError for an unknown kind (`createOptimizer: kind must be one of 'gd', 'momentum',
 *   'rmsprop', 'adam', got 'sgd'`), a field of another kind (`createOptimizer: beta1 does not apply
 *   to momentum (it takes beta)`), or a hyperparameter out of range (`Adam: beta2 must be in [0, 1), got 1`)
 */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  if (!isRecord(spec)) throw new ConfigError(`createOptimizer: spec must be an object, got ${describeValue(spec)}`);
  const kind = spec.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) {
    throw new ConfigError(`createOptimizer: kind must be one of 'gd', 'momentum', 'rmsprop', 'adam', got ${describeValue(kind)}`);
  }
  const own = FIELDS[kind];
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined || COMMON.includes(key) || own.includes(key)) continue;
    const takes = own.length > 0 ? `it takes ${own.join(', ')}` : 'it takes only learningRate and weightDecay';
    throw new ConfigError(`createOptimizer: ${key} does not apply to ${kind} (${takes})`);
  }
  const { learningRate, weightDecay, decayFilter } = spec;
  switch (kind) {
    case 'gd':
      return new GradientDescent({ learningRate, weightDecay, decayFilter });
    case 'momentum':
      return new Momentum({ learningRate, weightDecay, decayFilter, beta: spec.beta });
    case 'rmsprop':
      return new RMSProp({ learningRate, weightDecay, decayFilter, beta: spec.beta, epsilon: spec.epsilon });
    case 'adam':
      return new Adam({ learningRate, weightDecay, decayFilter, beta1: spec.beta1, beta2: spec.beta2, epsilon: spec.epsilon });
  }
}
