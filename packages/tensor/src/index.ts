export { full, ones, type ShapeArgs, tensor, zeros, zerosLike } from './create';
export { ConfigError, formatShape, isLabError, LabError, ShapeError, StateError } from './errors';
export { RandomState, type RandomStateSnapshot } from './random-state';
export { assert2d, assertSameShape, assertShape } from './shape-checks';
export { isTensor, type NestedArray, shapeSize, Tensor } from './tensor';
