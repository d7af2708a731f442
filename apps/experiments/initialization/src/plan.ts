import { heInit, type Initializer, scaledNormalInit, zerosInit } from '@lab/layers';

/** How one model's weights start, in the run config's terms (`model.layers[k].init`). */
export type InitializationInit =
  | { readonly kind: 'zeros' }
  | { readonly kind: 'scaled-normal'; readonly scale: number }
  | { readonly kind: 'he' };

/** One model of the experiment: the course's name for its initialization, and what it draws. */
export interface InitializationSpec {
  /** The course's `initialization` argument: `zeros`, `random`, `he`. */
  readonly name: string;
  readonly init: InitializationInit;
  /** The course's expression for W[l] (`layers_dims` as in the notebook), for the report. */
  readonly expression: string;
}

/** The course's three initializations, in the notebook's order. Biases start at zero in all three. */
export const COURSE_INITIALIZATIONS: readonly InitializationSpec[] = [
  { name: 'zeros', init: { kind: 'zeros' }, expression: 'np.zeros((layers_dims[l], layers_dims[l-1]))' },
  {
    name: 'random',
    init: { kind: 'scaled-normal', scale: 10 },
    expression: 'np.random.randn(layers_dims[l], layers_dims[l-1]) * 10',
  },
  {
    name: 'he',
    init: { kind: 'he' },
    expression: 'np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2./layers_dims[l-1])',
  },
];

/** The course's network: 2 inputs, hidden layers of 10 and 5 ReLU units, one sigmoid output. */
export const COURSE_LAYER_SIZES: readonly number[] = [2, 10, 5, 1];

/**
 * The public initializer of `@lab/layers` that draws what `init` says, element for element as the
 * course's NumPy expression (`randn(out, in)` in that order, then each element scaled).
 */
export function initializerOf(init: InitializationInit): Initializer {
  switch (init.kind) {
    case 'zeros':
      return zerosInit;
    case 'scaled-normal':
      return (rng, out, inFeatures) => scaledNormalInit(rng, out, inFeatures, init.scale);
    case 'he':
      return heInit;
  }
}
