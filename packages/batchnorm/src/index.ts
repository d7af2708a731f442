export {
  type BatchnormCache,
  type BatchnormParam,
  batchnormBackward,
  batchnormBackwardAlt,
  batchnormForward,
  type NormGradients,
} from './batchnorm-functions';
export { BatchNorm1d, type BatchNorm1dOptions } from './batchnorm-layer';
export { type LayernormCache, type LayernormParam, layernormBackward, layernormForward } from './layernorm-functions';
export { LayerNorm, type LayerNormOptions } from './layernorm-layer';
