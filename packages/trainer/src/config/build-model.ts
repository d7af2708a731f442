import { BatchNorm1d, LayerNorm } from '@lab/batchnorm';
import {
  binaryCrossEntropy,
  courseInit,
  heInit,
  type Initializer,
  type Layer,
  Linear,
  type Param,
  ReLU,
  Sequential,
  Sigmoid,
  Softmax,
  scaledNormalInit,
  softmaxCrossEntropy,
  xavierInit,
  zerosInit,
} from '@lab/layers';
import { Dropout, l2PenaltyOfParams } from '@lab/regularizers';
import { RandomState, type Tensor } from '@lab/tensor';
import { compile } from '../compile/compile';
import type { TrainingModel } from '../training-model';
import type { InitSpec, LayerSpec, ModelSpec } from './schema/model-schema';

/** The seed the course's notebook passes to np.random.seed before every dropout forward pass. */
export const COURSE_MASK_SEED = 1;

/** A tensor a model keeps besides its parameters (batch norm's running statistics): saved with checkpoints. */
export interface ModelBuffer {
  /** Unique within the model: `runningMean1`, `runningVar1`, … */
  readonly name: string;
  readonly value: Tensor;
}

/** A configured network, ready for the training loop, and what a run needs from it besides training. */
export interface NetworkModel extends TrainingModel {
  /**
   * Test-mode outputs (no dropout; batch norm with its running statistics), any number of rows.
   * @param x - (N, D)
   * @returns (N, 1) P(y = 1) under binary cross-entropy; (N, C) raw scores under softmax cross-entropy
   */
  predict(x: Tensor): Tensor;
  /** Non-parameter state that a checkpoint must hold for a bit-identical resume. */
  buffers(): readonly ModelBuffer[];
  /**
   * The cost (loss + L2) of one training-mode pass over (x, y), any number of rows: the compiled
   * step when they fit its batch size, else the layers' own forward over all of them. Draws
   * dropout masks and, in batch norm, updates the running statistics like any training pass.
   * @param x - (N, D); y - the labels, as for `setBatch`
   */
  trainingPassCost(x: Tensor, y: Tensor): number;
}

/** What {@link buildNetworkModel} needs besides the model spec. */
export interface BuildOptions {
  /** D, the data's features. */
  readonly features: number;
  /** Draws the initial weights (layer by layer, input side first), then fresh dropout masks. */
  readonly rng: RandomState;
  /** The largest batch a training step gets: the batch size, or N for full-batch training. */
  readonly batchSize: number;
}

/** The `Sequential` a config's model describes, and how its dropout masks are drawn. */
export interface ConfiguredNetwork {
  readonly network: Sequential;
  /** True when the dropout layers draw the course's masks (one generator, reseeded with 1 before every pass). */
  readonly courseMasks: boolean;
  /** Batch norm's running statistics, by name. */
  readonly buffers: readonly ModelBuffer[];
}

/**
 * The `Sequential` of the public layers that a config's model describes, input width `features`.
 * Linear layers draw their weights from `rng` in the layers' order (so the course's network with
 * seed 3 starts from the course's weights); dropout layers with `masks: fresh` draw from `rng`
 * too, those with `masks: course` from one generator of their own, drawn features-major.
 */
export function buildNetwork(spec: ModelSpec, features: number, rng: RandomState): ConfiguredNetwork {
  const courseRng = new RandomState(COURSE_MASK_SEED);
  const layers: Layer[] = [];
  const norms: BatchNorm1d[] = [];
  let width = features;
  for (const layer of spec.layers) {
    layers.push(buildLayer(layer, width, rng, courseRng, norms));
    if (layer.kind === 'linear') width = layer.units;
  }
  return {
    network: new Sequential(layers),
    courseMasks: spec.layers.some((layer) => layer.kind === 'dropout' && layer.masks === 'course'),
    buffers: norms.flatMap((norm, k) => [
      { name: `runningMean${k + 1}`, value: norm.runningMean },
      { name: `runningVar${k + 1}`, value: norm.runningVar },
    ]),
  };
}

/**
 * Builds the network a config describes ({@link buildNetwork}) and compiles it with its loss, L2
 * and batch size (`compile`: one arena, fused kernels, no allocation per step), as a
 * {@link NetworkModel} for the training loop. The course's masks are reseeded with 1 at every pass.
 * @throws ConfigError (from the layers or `compile`) when a size or a hyperparameter is out of range
 */
export function buildNetworkModel(spec: ModelSpec, options: BuildOptions): NetworkModel {
  const { network, courseMasks, buffers } = buildNetwork(spec, options.features, options.rng);
  const model = compile(network, {
    loss: spec.loss,
    batchSize: options.batchSize,
    l2: spec.l2,
    inputSize: options.features,
    ...(courseMasks ? { reseedDropout: COURSE_MASK_SEED } : {}),
  });
  return {
    params: () => model.params(),
    setBatch: (x, y) => model.setBatch(x, y),
    computeGradients: () => model.computeGradients(),
    cost: () => model.cost(),
    predict: (x) => model.scores(x),
    buffers: () => buffers,
    trainingPassCost: (x, y) => {
      if ((x.shape[0] as number) <= options.batchSize) {
        model.setBatch(x, y);
        model.computeGradients();
        return model.cost();
      }
      if (courseMasks) for (const layer of network.layers) if (layer instanceof Dropout) layer.rng.seed(COURSE_MASK_SEED);
      const out = network.forward(x, 'train');
      const { loss } = spec.loss === 'binary-cross-entropy' ? binaryCrossEntropy(out, y) : softmaxCrossEntropy(out, y);
      return spec.l2 === 0 ? loss : loss + l2PenaltyOfParams(network.params(), spec.l2, x.shape[0] as number, isLinearWeight);
    },
  };
}

/** The L2 term's params: the linear layers' weights `W1, W2, …`, not biases, γ or β (as `compile` takes them). */
const isLinearWeight = (param: Param) => /^W\d+$/.test(param.name);

function initializer(init: InitSpec): Initializer {
  switch (init.kind) {
    case 'course':
      return courseInit;
    case 'he':
      return heInit;
    case 'xavier':
      return xavierInit;
    case 'scaled-normal':
      return (rng, out, inFeatures) => scaledNormalInit(rng, out, inFeatures, init.scale);
    case 'zeros':
      return zerosInit;
  }
}

function buildLayer(layer: LayerSpec, width: number, rng: RandomState, courseRng: RandomState, norms: BatchNorm1d[]): Layer {
  switch (layer.kind) {
    case 'linear':
      return new Linear(width, layer.units, rng, { init: initializer(layer.init) });
    case 'relu':
      return new ReLU();
    case 'sigmoid':
      return new Sigmoid();
    case 'softmax':
      return new Softmax();
    case 'dropout':
      return layer.masks === 'course' ? new Dropout(layer.keepProb, courseRng, { drawOrder: 'course' }) : new Dropout(layer.keepProb, rng);
    case 'batchnorm': {
      const norm = new BatchNorm1d(width, { momentum: layer.momentum, eps: layer.eps });
      norms.push(norm);
      return norm;
    }
    case 'layernorm':
      return new LayerNorm(width, { eps: layer.eps });
  }
}
