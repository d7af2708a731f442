export { BatchNorm1d, type BatchNorm1dOptions } from './batch-norm-1d';
export {
  type BatchnormCache,
  type BatchnormParam,
  batchnormBackward,
  batchnormBackwardAlt,
  batchnormForward,
  type NormGradients,
} from './batchnorm';
export { LayerNorm, type LayerNormOptions } from './layer-norm';
export { type LayernormCache, type LayernormParam, layernormBackward, layernormForward } from './layernorm';
