export { ARENA_SLACK, type Arena, type ArenaOptions, arenaOf, createArena } from './arena';
export { add, div, maximum, minimum, mul, sub } from './arithmetic';
export { type BackendName, getBackend, isWasmAvailable, resolveBackend, setBackend } from './backend';
export { type CleanTextOptions, cleanText } from './clean-text';
export { equal, greater, greaterEqual, less, lessEqual, notEqual } from './compare';
export { full, ones, type ShapeArgs, tensor, zeros, zerosLike } from './create';
export { ConfigError, formatShape, isLabError, LabError, ShapeError, StateError } from './errors';
export { argmax, argmin, max, min } from './extrema';
export { firstNonFinite } from './first-non-finite';
export { GRADIENT_CHECK_TOLERANCE, numericGradient, relError } from './gradient-check';
export type { Operand } from './internal/broadcast';
export { batchnormWorkspaceLength, gemmPanelsLength, type KernelSet, softmaxWorkspaceLength } from './kernel-set';
export { fromMathjs, type MathjsLike, type MathjsMatrixFactory, toMathjs } from './mathjs-interop';
export { type MatmulOptions, matmul } from './matmul';
export { pairwiseSum } from './pairwise-sum';
export { RandomState, type RandomStateSnapshot } from './random-state';
export { mean, type ReduceOptions, std, sum, variance } from './reduce';
export { type ScratchArena, scratchArena } from './scratch-arena';
export { assert2d, assertSameShape, assertShape } from './shape-checks';
export { isTensor, type NestedArray, shapeSize, Tensor } from './tensor';
export { transpose } from './transpose';
export { cos, sin } from './trig';
export { exp, log, map, scale, sqrt } from './unary';
export {
  compileWasmModule,
  createWasmMemory,
  growWasmMemory,
  instantiateWasm,
  type WasmMemory,
  type WasmModule,
} from './wasm-module';
export { where } from './where';
