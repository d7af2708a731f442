import { BatchNorm1d, LayerNorm } from '@lab/batchnorm';
import { type Layer, Linear, ReLU, Sigmoid, Softmax } from '@lab/layers';
import { Dropout } from '@lab/regularizers';
import { ConfigError, Tensor } from '@lab/tensor';

// What the compile step knows about a layer. Layers are recognized by class; a layer it does
// not know (a custom one, or a class from another copy of the package) runs its own forward and
// backward, which is always correct, only slower.

export type KnownLayer =
  | { readonly kind: 'linear'; readonly layer: Linear }
  | { readonly kind: 'batchnorm'; readonly layer: BatchNorm1d }
  | { readonly kind: 'relu'; readonly layer: ReLU }
  | { readonly kind: 'dropout'; readonly layer: Dropout }
  | { readonly kind: 'sigmoid'; readonly layer: Sigmoid }
  | { readonly kind: 'softmax'; readonly layer: Softmax }
  | { readonly kind: 'other'; readonly layer: Layer };

export function classify(layer: Layer): KnownLayer {
  if (layer instanceof Linear) return { kind: 'linear', layer };
  if (layer instanceof BatchNorm1d) return { kind: 'batchnorm', layer };
  if (layer instanceof ReLU) return { kind: 'relu', layer };
  if (layer instanceof Dropout) return { kind: 'dropout', layer };
  if (layer instanceof Sigmoid) return { kind: 'sigmoid', layer };
  if (layer instanceof Softmax) return { kind: 'softmax', layer };
  return { kind: 'other', layer };
}

/** A layer's class name for messages (bundlers may prefix a class's name with `_`). */
export function layerName(layer: Layer): string {
  return (layer.constructor?.name ?? 'Layer').replace(/^_+/, '') || 'Layer';
}

/** The input width a layer states, when it states one. */
export function statedInputWidth(layer: Layer): number | undefined {
  if (layer instanceof Linear) return layer.inFeatures;
  if (layer instanceof BatchNorm1d) return layer.numFeatures;
  if (layer instanceof LayerNorm) return layer.gamma.size;
  return undefined;
}

/**
 * The feature count each layer outputs, input first: `[D, width after layer 0, …]`. Layers that
 * do not state it are run once in test mode on two rows of zeros to find it.
 * @throws ConfigError when a layer does not take the width before it, or nothing states the input width
 */
export function layerWidths(layers: readonly Layer[], inputSize: number | undefined): number[] {
  let width = inputSize;
  if (width === undefined) {
    for (const layer of layers) {
      width = statedInputWidth(layer);
      if (width !== undefined) break;
      if (classify(layer).kind === 'other') break;
    }
  }
  if (width === undefined) {
    throw new ConfigError('compile: no layer before the first custom one states the input width; pass options.inputSize');
  }
  const widths = [width];
  layers.forEach((layer, index) => {
    const stated = statedInputWidth(layer);
    const current = widths[widths.length - 1];
    if (stated !== undefined && stated !== current) {
      throw new ConfigError(
        `compile: layer ${index} (${layerName(layer)}) takes ${stated} features, but the layer before gives ${current}`,
      );
    }
    const known = classify(layer);
    if (known.kind === 'linear') widths.push(known.layer.outFeatures);
    else if (known.kind !== 'other' || layer instanceof LayerNorm) widths.push(current);
    else {
      const out = layer.forward(new Tensor(new Float64Array(2 * current), [2, current]), 'test');
      if (out.shape.length !== 2 || out.shape[0] !== 2) {
        throw new ConfigError(
          `compile: layer ${index} (${layerName(layer)}) must map (N, D) to (N, M); it gave ${out.shape.length}-D output`,
        );
      }
      widths.push(out.shape[1]);
    }
  });
  return widths;
}
