export {
  type DrawOrder,
  Dropout,
  type DropoutForwardResult,
  type DropoutOptions,
  drawDropoutMask,
  dropoutBackward,
  dropoutForward,
} from './dropout';
export { addL2Gradients, isWeight, l2Gradient, l2Penalty, l2PenaltyOfParams, type ParamSelector } from './l2';
