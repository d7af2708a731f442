import type { InitSpec, LayerSpec, ModelSpec } from './schema/model-schema';

/** Each layer in the course's notation, for run records: `LINEAR(2→20)`, `RELU`, `DROPOUT(keep 0.86, course masks)`. */
export function describeLayers(model: ModelSpec, features: number): string[] {
  let width = features;
  return model.layers.map((layer) => {
    switch (layer.kind) {
      case 'linear': {
        const text = `LINEAR(${width}→${layer.units})`;
        width = layer.units;
        return text;
      }
      case 'dropout':
        return `DROPOUT(keep ${String(layer.keepProb)}${layer.masks === 'course' ? ", the course's masks" : ''})`;
      case 'batchnorm':
        return `BATCHNORM(momentum ${String(layer.momentum)}, eps ${String(layer.eps)})`;
      case 'layernorm':
        return `LAYERNORM(eps ${String(layer.eps)})`;
      default:
        return layer.kind.toUpperCase();
    }
  });
}

/** Units per linear layer, input first: `[2, 20, 3, 1]`. */
export function linearSizes(model: ModelSpec, features: number): number[] {
  return [features, ...model.layers.flatMap((layer) => (layer.kind === 'linear' ? [layer.units] : []))];
}

/**
 * One activation per linear layer, for the record's `architecture.activations`: the first of
 * relu/sigmoid/softmax after it and before the next linear layer; for the last linear layer under
 * softmax cross-entropy `softmax` (the loss applies it); otherwise `none`.
 */
export function linearActivations(model: ModelSpec): string[] {
  const { layers } = model;
  const linear = layers.flatMap((layer, i) => (layer.kind === 'linear' ? [i] : []));
  return linear.map((start, k) => {
    const end = linear[k + 1] ?? layers.length;
    const activation = layers.slice(start + 1, end).find((l) => l.kind === 'relu' || l.kind === 'sigmoid' || l.kind === 'softmax');
    if (activation !== undefined) return activation.kind;
    return k === linear.length - 1 && model.loss === 'softmax-cross-entropy' ? 'softmax' : 'none';
  });
}

const INIT_TEXT: Record<InitSpec['kind'], string> = {
  course: 'randn(out, in) / sqrt(in)',
  he: 'randn(out, in) · sqrt(2 / in)',
  xavier: 'randn(out, in) · sqrt(2 / (in + out))',
  'scaled-normal': 'scale · randn(out, in)',
  zeros: 'zeros',
};

function initText(init: InitSpec): string {
  return init.kind === 'scaled-normal' ? `${String(init.scale)} · randn(out, in)` : INIT_TEXT[init.kind];
}

/** `randn(out, in) / sqrt(in), biases 0` when every linear layer is initialized alike; per layer otherwise. */
export function describeInitialization(model: ModelSpec): string {
  const inits = model.layers
    .filter((layer): layer is Extract<LayerSpec, { kind: 'linear' }> => layer.kind === 'linear')
    .map((l) => initText(l.init));
  if (inits.every((text) => text === inits[0])) return `${inits[0]}, biases 0`;
  return `${inits.map((text, i) => `W${i + 1}: ${text}`).join('; ')}; biases 0`;
}
