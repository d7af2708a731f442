export {
  type AffineBackwardResult,
  type AffineCache,
  type AffineForwardResult,
  type AffineGradBuffers,
  affineBackward,
  affineForward,
  Linear,
  type LinearOptions,
} from './affine';
export { binaryCrossEntropy, type LossResult } from './binary-cross-entropy';
export { binaryCrossEntropyWithLogits } from './binary-cross-entropy-with-logits';
export { copyIntoBinding } from './copy-into-binding';
export { courseInit, heInit, type Initializer, scaledNormalInit, xavierInit, zerosInit } from './initializers';
export type { Layer, Mode, Param } from './layer';
export { ReLU, type ReluCache, type ReluForwardResult, reluBackward, reluForward } from './relu';
export { Sequential } from './sequential';
export { Sigmoid, type SigmoidCache, type SigmoidForwardResult, sigmoidBackward, sigmoidForward } from './sigmoid';
export { Softmax, type SoftmaxCache, type SoftmaxForwardResult, softmaxBackward, softmaxForward } from './softmax';
export { softmaxCrossEntropy } from './softmax-cross-entropy';
