import { MAX_LAYERS, MAX_PARAMETERS } from './schema/limits';
import type { LayerSpec, ModelSpec } from './schema/model-schema';

/** One problem with a config, at a field path from the config's root: `['model', 'layers', 4, 'units']`. */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** What is known of a run's data: its features and how many classes its labels hold (2 for labels 0/1). */
export interface DataShape {
  readonly features?: number;
  readonly classes?: number;
  /** How to name the data in a message: `spiral (classes: 3)`, `football.mat`. */
  readonly name: string;
}

/** The parts of a network the checks and the record need, from its layer list. */
export interface NetworkOutline {
  /** Indices of the linear layers in `layers`. */
  readonly linear: readonly number[];
  /** The network's output width: the last linear layer's units. */
  readonly outputs: number;
}

/** Where the linear layers are and how wide the output is. @returns outputs 0 when there is no linear layer */
export function outlineOf(layers: readonly LayerSpec[]): NetworkOutline {
  const linear: number[] = [];
  let outputs = 0;
  layers.forEach((layer, i) => {
    if (layer.kind === 'linear') {
      linear.push(i);
      outputs = layer.units;
    }
  });
  return { linear, outputs };
}

/**
 * Trainable parameters of the network on `features` inputs: units·(in + 1) per linear layer,
 * 2·width per batch or layer norm.
 */
export function countParameters(layers: readonly LayerSpec[], features: number): number {
  let width = features;
  let total = 0;
  for (const layer of layers) {
    if (layer.kind === 'linear') {
      total += layer.units * (width + 1);
      width = layer.units;
    } else if (layer.kind === 'batchnorm' || layer.kind === 'layernorm') {
      total += 2 * width;
    }
  }
  return total;
}

/**
 * The first way the model does not fit its loss (or, when known, its data), as an issue at the
 * field to change: at least one linear layer and at most {@link MAX_LAYERS}; binary cross-entropy
 * needs a final sigmoid over 1 unit and labels 0/1; softmax cross-entropy needs raw scores (a final
 * linear layer, no softmax) with as many units as the data has classes, at least 2; the parameters
 * fit in {@link MAX_PARAMETERS}.
 * @returns undefined when everything fits
 */
export function modelIssue(model: ModelSpec, data?: DataShape): ConfigIssue | undefined {
  const at = (...path: (string | number)[]) => ['model', ...path];
  const { layers, loss } = model;
  const { linear, outputs } = outlineOf(layers);
  if (linear.length === 0) return { path: at('layers'), message: 'a network needs at least one linear layer' };
  if (linear.length > MAX_LAYERS) {
    return { path: at('layers'), message: `${linear.length} linear layers, more than the ${MAX_LAYERS} a model may have` };
  }
  // One generator reseeded per pass serves every `masks: course` layer: the course's draw is all or nothing.
  const firstDropout = layers.findIndex((layer) => layer.kind === 'dropout');
  const masks = (layer: LayerSpec | undefined) => (layer?.kind === 'dropout' ? layer.masks : undefined);
  const otherMasks = layers.findIndex((layer) => layer.kind === 'dropout' && layer.masks !== masks(layers[firstDropout]));
  if (otherMasks >= 0) {
    return {
      path: at('layers', otherMasks, 'masks'),
      message: `every dropout layer of a model draws its masks the same way: layers[${firstDropout}] has masks ${masks(layers[firstDropout])}, this one ${masks(layers[otherMasks])}`,
    };
  }
  const lastIndex = layers.length - 1;
  const last = layers[lastIndex];
  const outputAt = at('layers', linear[linear.length - 1], 'units');
  if (loss === 'binary-cross-entropy') {
    if (last.kind !== 'sigmoid') {
      return {
        path: at('layers', lastIndex),
        message: `binary-cross-entropy takes probabilities: the last layer must be {kind: sigmoid}, got ${last.kind}`,
      };
    }
    if (outputs !== 1) {
      return { path: outputAt, message: `binary-cross-entropy needs 1 output unit (a sigmoid for labels 0 and 1), got ${outputs}` };
    }
    if (data?.classes !== undefined && data.classes !== 2) {
      return {
        path: at('loss'),
        message: `binary-cross-entropy needs labels 0 and 1, but ${data.name} has ${data.classes} classes: use softmax-cross-entropy with ${data.classes} output units`,
      };
    }
  } else {
    if (last.kind === 'softmax') {
      return {
        path: at('layers', lastIndex),
        message: 'softmax-cross-entropy takes raw scores and applies the softmax itself: remove this softmax layer',
      };
    }
    if (last.kind !== 'linear') {
      return {
        path: at('layers', lastIndex),
        message: `softmax-cross-entropy takes raw scores: the last layer must be linear (one unit per class), got ${last.kind}`,
      };
    }
    if (outputs < 2) return { path: outputAt, message: `softmax-cross-entropy needs at least 2 classes (output units), got ${outputs}` };
    if (data?.classes !== undefined && data.classes !== outputs) {
      return {
        path: outputAt,
        message: `${data.name} has ${data.classes} classes, so the last layer needs ${data.classes} units, got ${outputs}`,
      };
    }
  }
  if (data?.features !== undefined) {
    const parameters = countParameters(layers, data.features);
    if (parameters > MAX_PARAMETERS) {
      return {
        path: at('layers'),
        message: `${parameters} parameters on ${data.features} input features, more than the ${MAX_PARAMETERS} a run may have`,
      };
    }
  }
  return undefined;
}
