import { Adam, GradientDescent, Momentum, type Optimizer } from '@lab/trainer';

/** An optimizer of the experiment, with the course's hyperparameters. */
export type OptimizerSettings =
  | { readonly kind: 'gd' }
  | { readonly kind: 'momentum'; readonly beta: number }
  | { readonly kind: 'adam'; readonly beta1: number; readonly beta2: number; readonly epsilon: number };

/** One model of the experiment: the course's name for its optimizer, and the optimizer's settings. */
export interface OptimizationSpec {
  /** The course's `optimizer` argument: `gd`, `momentum`, `adam`. */
  readonly name: string;
  readonly optimizer: OptimizerSettings;
}

/** The course's three optimizers, in the notebook's order. */
export const COURSE_OPTIMIZERS: readonly OptimizationSpec[] = [
  { name: 'gd', optimizer: { kind: 'gd' } },
  { name: 'momentum', optimizer: { kind: 'momentum', beta: 0.9 } },
  { name: 'adam', optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
];

/** The course's network: 2 inputs, hidden layers of 5 and 2 ReLU units, one sigmoid output. */
export const COURSE_LAYER_SIZES: readonly number[] = [2, 5, 2, 1];

/** The course's He-style initialization, for the report. */
export const COURSE_INIT_EXPRESSION = 'np.random.randn(layer_dims[l], layer_dims[l-1]) * np.sqrt(2 / layer_dims[l-1])';

/**
 * The trainer's optimizer for `settings`: `GradientDescent` (`w −= lr·g`), `Momentum`
 * (`v = βv + (1−β)g`, `w −= lr·v`) and `Adam` (bias-corrected with the step count t,
 * `w −= lr·v̂/(√ŝ + ε)`) follow the course's update rules operation for operation.
 */
export function optimizerOf(settings: OptimizerSettings, learningRate: number): Optimizer {
  switch (settings.kind) {
    case 'gd':
      return new GradientDescent({ learningRate });
    case 'momentum':
      return new Momentum({ learningRate, beta: settings.beta });
    case 'adam':
      return new Adam({ learningRate, beta1: settings.beta1, beta2: settings.beta2, epsilon: settings.epsilon });
  }
}
