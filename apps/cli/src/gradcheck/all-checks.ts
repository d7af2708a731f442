import type { GradientCheck } from './gradient-check';
import { LAYER_CHECKS } from './layer-checks';
import { NORMALIZATION_CHECKS } from './normalization-checks';
import { REGULARIZER_CHECKS } from './regularizer-checks';

/** Every gradient check `lab gradcheck` runs, in the order of the table. */
export const ALL_GRADIENT_CHECKS: readonly GradientCheck[] = [...LAYER_CHECKS, ...REGULARIZER_CHECKS, ...NORMALIZATION_CHECKS];
