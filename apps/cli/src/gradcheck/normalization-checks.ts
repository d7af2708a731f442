// The subpath, not the package's index: `lab gradcheck` then loads the checks alone, not the experiment.
import { checkNormalizationBackward, type NormalizationKernel } from '@lab/experiment-batchnorm/gradient-checks';
import type { GradientCheck } from './gradient-check';

const N = 4;
const D = 5;

/** One check of the batch-norm experiment's part 2 (the same inputs, the same numerical gradients). */
function normCheck(name: string, kernel: NormalizationKernel): GradientCheck {
  return {
    name,
    shapes: { x: [N, D], gamma: [D], beta: [D] },
    run() {
      const { dx, dgamma, dbeta } = checkNormalizationBackward(kernel, { seed: 231, n: N, d: D });
      return { dx, dgamma, dbeta };
    },
  };
}

/** Gradient checks of @lab/batchnorm: both batch-norm backward passes and layer norm, as the batch-norm experiment checks them. */
export const NORMALIZATION_CHECKS: readonly GradientCheck[] = [
  normCheck('batchnorm', 'batchnormBackward'),
  normCheck('batchnorm (backward alt)', 'batchnormBackwardAlt'),
  normCheck('layernorm', 'layernormBackward'),
];
