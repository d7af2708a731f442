import { ConfigError, type RandomState, type Tensor, zeros } from '@lab/tensor';
import { assertPositiveInteger } from './internal/checks';

/**
 * Draws an (outFeatures, inFeatures) weight matrix from `rng`. {@link Linear} takes one;
 * wrap {@link scaledNormalInit} to fix its scale: `(rng, o, i) => scaledNormalInit(rng, o, i, 0.01)`.
 */
export type Initializer = (rng: RandomState, outFeatures: number, inFeatures: number) => Tensor;

function standardNormal(op: string, rng: RandomState, outFeatures: number, inFeatures: number): Tensor {
  assertPositiveInteger(op, 'outFeatures', outFeatures);
  assertPositiveInteger(op, 'inFeatures', inFeatures);
  // randn(out, in) in this order, so the stream matches NumPy's `randn(n_l, n_{l-1})`.
  return rng.randn(outFeatures, inFeatures);
}

/**
 * The course's initialization: `W = randn(out, in) / √in` (each element divided, as NumPy does),
 * so `seed(3)` and layer-by-layer calls reproduce the course's weights.
 * @returns (outFeatures, inFeatures)
 * @throws ConfigError when a feature count is not a positive integer
 */
export function courseInit(rng: RandomState, outFeatures: number, inFeatures: number): Tensor {
  const w = standardNormal('courseInit', rng, outFeatures, inFeatures);
  const scale = Math.sqrt(inFeatures);
  const data = w.data;
  for (let i = 0; i < data.length; i++) data[i] /= scale;
  return w;
}

/**
 * He (Kaiming) normal initialization for ReLU layers: `W = randn(out, in) · √(2 / in)`.
 * @see He et al. 2015, "Delving Deep into Rectifiers"
 * @returns (outFeatures, inFeatures)
 * @throws ConfigError when a feature count is not a positive integer
 */
export function heInit(rng: RandomState, outFeatures: number, inFeatures: number): Tensor {
  const w = standardNormal('heInit', rng, outFeatures, inFeatures);
  const scale = Math.sqrt(2 / inFeatures);
  const data = w.data;
  for (let i = 0; i < data.length; i++) data[i] *= scale;
  return w;
}

/**
 * Xavier/Glorot normal initialization: `W = randn(out, in) · √(2 / (in + out))`.
 * (The course's "Xavier" variant `√(1 / in)` is {@link courseInit}.)
 * @see Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward neural networks"
 * @returns (outFeatures, inFeatures)
 * @throws ConfigError when a feature count is not a positive integer
 */
export function xavierInit(rng: RandomState, outFeatures: number, inFeatures: number): Tensor {
  const w = standardNormal('xavierInit', rng, outFeatures, inFeatures);
  const scale = Math.sqrt(2 / (inFeatures + outFeatures));
  const data = w.data;
  for (let i = 0; i < data.length; i++) data[i] *= scale;
  return w;
}

/**
 * All-zero weights, the course's `initialize_parameters_zeros`: `W = zeros((out, in))`. Draws
 * nothing from `rng`. Every unit of a layer then computes the same function and receives the same
 * gradient, so training never breaks the symmetry — the lesson of the course's initialization
 * notebook, where this network stays at accuracy 0.5.
 * @returns (outFeatures, inFeatures) of zeros
 * @throws ConfigError when a feature count is not a positive integer
 */
export function zerosInit(_rng: RandomState, outFeatures: number, inFeatures: number): Tensor {
  assertPositiveInteger('zerosInit', 'outFeatures', outFeatures);
  assertPositiveInteger('zerosInit', 'inFeatures', inFeatures);
  return zeros(outFeatures, inFeatures);
}

/**
 * Scaled normal initialization (CS231n's `weight_scale * randn(in, out)`, here (out, in)):
 * `W = weightScale · randn(out, in)`, each element multiplied as NumPy does. With weightScale 10
 * it is the course's `initialize_parameters_random` (`randn(out, in) * 10`, the "too large" init).
 * @param weightScale - standard deviation, finite and ≥ 0
 * @returns (outFeatures, inFeatures)
 * @throws ConfigError when weightScale is negative or not finite, or a feature count is not a positive integer
 */
export function scaledNormalInit(rng: RandomState, outFeatures: number, inFeatures: number, weightScale: number): Tensor {
  if (!Number.isFinite(weightScale) || weightScale < 0) {
    throw new ConfigError(`scaledNormalInit: weightScale must be finite and >= 0, got ${weightScale}`);
  }
  const w = standardNormal('scaledNormalInit', rng, outFeatures, inFeatures);
  const data = w.data;
  for (let i = 0; i < data.length; i++) data[i] *= weightScale;
  return w;
}
