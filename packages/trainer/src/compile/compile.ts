import type { Layer, Sequential } from '@lab/layers';
import type { Dropout } from '@lab/regularizers';
import { type BackendName, ConfigError, resolveBackend } from '@lab/tensor';
import { momentsSpare } from './arena-plan';
import { BatchFirstProgram, type StageSpec } from './batch-first-program';
import type { DenseParts } from './batch-first-stages';
import { CompiledModel } from './compiled-model';
import { FeatureMajorProgram, type FeatureMajorSpec } from './feature-major-program';
import { classify, type KnownLayer, layerName, layerWidths } from './layer-kinds';
import type { Program } from './program';

/** The losses a compiled model trains with. */
export type LossName = 'binary-cross-entropy' | 'softmax-cross-entropy';

/** Options of {@link compile}. */
export interface CompileOptions {
  /**
   * `binary-cross-entropy` (the course's cost on probabilities: the network must end in a
   * `Sigmoid` with one output; labels 0/1) or `softmax-cross-entropy` (on scores, (N, C);
   * labels are class indices).
   */
  readonly loss: LossName;
  /** The largest batch `setBatch` will get (full-batch training: the training set's size). Buffers are sized for it once. */
  readonly batchSize: number;
  /**
   * L2 strength λ of @lab/regularizers' penalty `(1/m)(λ/2)·Σ‖W‖²` on every Linear weight
   * (`W1, W2, …`; not biases or batch-norm parameters), added to the cost and its gradient
   * `(λ/m)·W` to the grads. Default 0.
   */
  readonly l2?: number;
  /** Where the kernels run; default `getBackend()`'s. `wasm` falls back to `js` without WebAssembly SIMD. */
  readonly backend?: BackendName;
  /** D, the input's features, when no layer before the first custom layer states it. */
  readonly inputSize?: number;
  /**
   * Reproduction only: reseed every Dropout layer's generator with this seed at the start of
   * every training forward pass, as the course's notebook does (`np.random.seed(1)` in
   * `forward_propagation_with_dropout`), so every step uses the same masks. The masks are then
   * drawn once per batch size and reused. The library's dropout draws fresh masks at every step.
   */
  readonly reseedDropout?: number;
}

/** Feature-major runs narrow networks only: every layer at most this wide (the course's: 2, 20, 3, 1). */
const FEATURE_MAJOR_MAX_WIDTH = 64;

/**
 * Compiles a `Sequential` of @lab/layers' layers (and any other `Layer`), a loss and a batch
 * size into a training model for `train()`: every buffer allocated once, in one arena of the
 * chosen backend; fused kernels where they pay; the layers' own kernels elsewhere; no
 * allocation per step (as long as every layer has a fused kernel).
 *
 * - A narrow LINEAR → RELU → [DROPOUT] → … → LINEAR → SIGMOID network with binary cross-entropy
 *   (the course's) runs feature-major whole-layer kernels: one call per layer and pass.
 * - Anything else runs batch-first: each LINEAR → [BATCHNORM1D] → [RELU] → [DROPOUT] block (or
 *   BATCHNORM1D → [RELU] → [DROPOUT]) is one fused stage on @lab/tensor's matrix-product and
 *   batch-norm kernels; any other layer (LayerNorm, Softmax inside the network, a custom layer)
 *   runs its own forward and backward on the arena's buffers.
 *
 * The Linear and BatchNorm1d layers' parameters move into the arena (`Layer.bindParams`): the
 * compiled model's params are the layers' params, so the network itself (its `forward`, its
 * `params()`, a checkpoint) always sees the current weights. Compiling the network again moves
 * them to the new model's arena; the older model then refuses to train.
 * @param network - `(N, D)` inputs → `(N, C)` outputs
 * @throws ConfigError for a bad option, a loss that does not fit the network's end, or layers whose widths do not chain
 */
export function compile(network: Sequential, options: CompileOptions): CompiledModel {
  const { loss, batchSize, l2 = 0, inputSize, reseedDropout } = options;
  if (loss !== 'binary-cross-entropy' && loss !== 'softmax-cross-entropy') {
    throw new ConfigError(`compile: loss must be 'binary-cross-entropy' or 'softmax-cross-entropy', got ${JSON.stringify(loss)}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ConfigError(`compile: batchSize must be a positive integer, got ${batchSize}`);
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new ConfigError(`compile: l2 must be a finite number >= 0, got ${l2}`);
  if (inputSize !== undefined && (!Number.isInteger(inputSize) || inputSize < 1)) {
    throw new ConfigError(`compile: inputSize must be a positive integer, got ${inputSize}`);
  }
  if (reseedDropout !== undefined && (!Number.isInteger(reseedDropout) || reseedDropout < 0 || reseedDropout > 0xffffffff)) {
    throw new ConfigError(`compile: reseedDropout must be an integer in [0, 4294967295], got ${reseedDropout}`);
  }
  const backend = resolveBackend(options.backend);
  const layers = network.layers;
  const widths = layerWidths(layers, inputSize);
  const kinds = layers.map(classify);
  const lastKind = kinds[kinds.length - 1];
  let body = kinds;
  if (loss === 'binary-cross-entropy') {
    if (lastKind.kind !== 'sigmoid') {
      throw new ConfigError(
        `compile: binary-cross-entropy takes probabilities: the network must end in Sigmoid, it ends in ${layerName(lastKind.layer)}`,
      );
    }
    if (widths[widths.length - 1] !== 1) {
      throw new ConfigError(
        `compile: binary-cross-entropy needs one output per example, (N, 1); the network gives (N, ${widths[widths.length - 1]})`,
      );
    }
    body = kinds.slice(0, -1);
  } else if (lastKind.kind === 'softmax') {
    throw new ConfigError(
      "compile: softmax-cross-entropy takes scores: remove the network's final Softmax (softmax would be applied twice)",
    );
  }
  const outputWidth = widths[widths.length - 1];
  const featureMajor = loss === 'binary-cross-entropy' ? featureMajorSpec(body, widths) : null;
  let program: Program;
  if (featureMajor !== null)
    program = new FeatureMajorProgram(featureMajor, batchSize, backend, reseedDropout, l2, momentsSpare(network.params()));
  else {
    const spec = { stages: batchFirstStages(body, widths), loss, inputWidth: widths[0], outputWidth };
    program = new BatchFirstProgram(spec, batchSize, backend, reseedDropout, momentsSpare(network.params()));
  }
  return new CompiledModel(network, program, { loss, batchSize, l2, backend, inputSize: widths[0], outputSize: outputWidth });
}

/** The feature-major spec when the body is LINEAR → RELU → [DROPOUT] → … → LINEAR and narrow, else null. */
function featureMajorSpec(body: readonly KnownLayer[], widths: readonly number[]): FeatureMajorSpec | null {
  if (widths.some((w) => w > FEATURE_MAJOR_MAX_WIDTH)) return null;
  const hidden: { linear: KnownLayer['layer']; dropout: Dropout | null }[] = [];
  let i = 0;
  while (i < body.length - 1) {
    const linear = body[i];
    if (linear.kind !== 'linear' || body[i + 1]?.kind !== 'relu') return null;
    const next = body[i + 2];
    const dropout = next?.kind === 'dropout' ? next.layer : null;
    hidden.push({ linear: linear.layer, dropout });
    i += dropout === null ? 2 : 3;
  }
  const output = body[body.length - 1];
  if (i !== body.length - 1 || output?.kind !== 'linear') return null;
  return { hidden: hidden as FeatureMajorSpec['hidden'], output: output.layer };
}

/** Groups the body into fused dense blocks and single layers that run their own kernels. */
function batchFirstStages(body: readonly KnownLayer[], widths: readonly number[]): StageSpec[] {
  const stages: StageSpec[] = [];
  let i = 0;
  while (i < body.length) {
    const start = i;
    const first = body[i];
    if (first.kind === 'linear' || first.kind === 'batchnorm') {
      let linear: DenseParts['linear'] = null;
      let batchnorm: DenseParts['batchnorm'] = null;
      if (first.kind === 'linear') {
        linear = first.layer;
        i++;
      }
      const next = body[i];
      if (next?.kind === 'batchnorm') {
        batchnorm = next.layer;
        i++;
      }
      const relu = body[i]?.kind === 'relu';
      if (relu) i++;
      const maybeDropout = body[i];
      const dropout = maybeDropout?.kind === 'dropout' ? maybeDropout.layer : null;
      if (dropout !== null) i++;
      stages.push({ kind: 'dense', parts: { linear, batchnorm, relu, dropout }, inWidth: widths[start], width: widths[i] });
    } else {
      stages.push({ kind: 'layer', layer: first.layer as Layer, inWidth: widths[i], width: widths[i + 1] });
      i++;
    }
  }
  return stages;
}
