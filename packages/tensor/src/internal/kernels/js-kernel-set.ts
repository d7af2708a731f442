import type { KernelSet } from '../../kernel-set';
import { batchnormBackward, batchnormTestForward, batchnormTrainForward } from './batchnorm';
import {
  adamUpdate,
  addBias,
  allFinite,
  columnSums,
  dropoutMask,
  reluMask,
  sgdUpdate,
  sigmoidCrossEntropy,
  softmaxCrossEntropy,
  softmaxLoss,
} from './elementwise';
import { backwardHiddenFm, forwardHiddenFm, forwardSigmoidFm, weightGradientFm } from './feature-major';
import { multiplyPanels, packPanels } from './gemm';

/**
 * The `js` backend: the plain JavaScript kernels, which hold no state, so one set serves every
 * arena (they run on any Float64Array).
 */
export const JS_KERNELS: KernelSet = Object.freeze({
  backend: 'js',
  packPanels,
  multiplyPanels,
  addBias,
  forwardHidden: forwardHiddenFm,
  forwardSigmoid: forwardSigmoidFm,
  backwardHidden: backwardHiddenFm,
  weightGradient: weightGradientFm,
  dropoutMask,
  reluMask,
  columnSums,
  allFinite,
  sigmoidCrossEntropy,
  softmaxCrossEntropy,
  softmaxLoss,
  batchnormTrainForward,
  batchnormTestForward,
  batchnormBackward,
  sgdUpdate,
  adamUpdate,
});
