import type { Param } from '@lab/layers';
import { type BackendName, createArena, type KernelSet } from '@lab/tensor';

// The buffers of a BinaryMlp in the kernels' memory. Activations and deltas are feature-major,
// (rows, stride): the batch is padded to a multiple of four examples and the units of every
// layer to a multiple of four rows, so the SIMD kernels work in blocks of four examples ×
// four units with no edge cases. Padded weights, biases and deltas stay zero: a padded unit
// computes 0 and a padded example adds nothing to any gradient.

/** Units rounded up to the kernels' block of four. */
export function paddedRows(units: number): number {
  return Math.ceil(units / 4) * 4;
}

/** One dense layer's buffers; `units` real units of `rows`, fed by `inUnits` inputs. */
export interface LayerBuffers {
  readonly inUnits: number;
  readonly units: number;
  readonly rows: number;
  readonly w: Float64Array; // (rows, inUnits): the weights, copied in before each pass
  readonly b: Float64Array; // (rows,)
  readonly activation: Float64Array; // (rows, stride): the layer's output
  readonly mask: Float64Array | null; // (rows, stride) of 0/1 for dropout, hidden layers only
  readonly dw: Float64Array | null; // (rows, inUnits), training only
  readonly db: Float64Array | null; // (rows,), training only
  readonly delta: Float64Array | null; // (rows, stride): dZ, training only
}

/** What the output kernel needs to start the backward pass (a sink without training). */
export interface OutputDelta {
  readonly labels: Float64Array; // (stride,): y, 0 in the padding
  readonly scale: Float64Array; // (stride,): 1/m for an example, 0 for the padding
  readonly dz: Float64Array; // (stride,): written, the output delta
  readonly db: Float64Array; // (1,): written, the output bias gradient
}

export interface NetworkBuffers {
  readonly kernels: KernelSet;
  readonly count: number; // real examples
  readonly stride: number; // row length: count rounded up to a multiple of four
  readonly inputs: Float64Array; // (D rounded up to even, stride)
  readonly layers: readonly LayerBuffers[];
  /** Labels, per-example scale and the output layer's dz and db; zeros and a sink without training. */
  readonly outputDelta: OutputDelta;
}

export interface NetworkShape {
  readonly layerSizes: readonly number[];
  readonly count: number;
  /** Deltas, gradients and labels for training; a forward-only network has none. */
  readonly training: boolean;
  readonly dropout: boolean;
}

/** Allocates every buffer of the network in one arena of `backend`. */
export function allocateNetwork(backend: BackendName, shape: NetworkShape): NetworkBuffers {
  const { layerSizes, count, training, dropout } = shape;
  const stride = Math.ceil(count / 4) * 4;
  const last = layerSizes.length - 2;
  const lengths: number[] = [Math.ceil(layerSizes[0] / 2) * 2 * stride, stride, stride, stride, 1];
  for (let l = 0; l <= last; l++) {
    const rows = paddedRows(layerSizes[l + 1]);
    const weights = rows * layerSizes[l];
    const hasMask = dropout && l < last;
    lengths.push(weights, rows, rows * stride, hasMask ? rows * stride : 0);
    if (training) lengths.push(weights, rows, rows * stride);
  }
  const arena = createArena(lengths, { backend });
  const buffers = arena.views;
  let next = 5;
  const take = () => buffers[next++];
  const layers: LayerBuffers[] = [];
  for (let l = 0; l <= last; l++) {
    const w = take();
    const b = take();
    const activation = take();
    const maskBuffer = take(); // empty without dropout
    const mask = dropout && l < last ? maskBuffer : null;
    layers.push({
      inUnits: layerSizes[l],
      units: layerSizes[l + 1],
      rows: paddedRows(layerSizes[l + 1]),
      w,
      b,
      activation,
      mask,
      dw: training ? take() : null,
      db: training ? take() : null,
      delta: training ? take() : null,
    });
  }
  const output = layers[last];
  const labels = buffers[1];
  const scale = buffers[2];
  // 1/m for every real example and 0 for the padding, so padded examples add nothing to any gradient.
  if (training) scale.fill(1 / count, 0, count);
  const outputDelta = { labels, scale, dz: output.delta ?? buffers[3], db: output.db ?? buffers[4] };
  return { kernels: arena.kernels, count, stride, inputs: buffers[0], layers, outputDelta };
}

/** Row-major (count, D) inputs → the feature-major (D, stride) input buffer; padding stays zero. */
export function loadInputs(network: NetworkBuffers, x: Float64Array, d: number): void {
  const { inputs, stride, count } = network;
  for (let i = 0; i < count; i++) for (let j = 0; j < d; j++) inputs[j * stride + i] = x[i * d + j];
}

/** The (count,) labels into the training network's label buffer. */
export function loadLabels(network: NetworkBuffers, y: Float64Array): void {
  network.outputDelta.labels.set(y);
}

/** Copies the weight and bias values ((units, inUnits) and (units,) per layer) into the network's buffers. */
export function loadParams(network: NetworkBuffers, weights: readonly Param[], biases: readonly Param[]): void {
  for (let l = 0; l < network.layers.length; l++) {
    network.layers[l].w.set(weights[l].value.data);
    network.layers[l].b.set(biases[l].value.data);
  }
}
