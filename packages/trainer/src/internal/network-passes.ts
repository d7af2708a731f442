import type { NetworkBuffers } from './network-layout';

// BinaryMlp's training and prediction passes as whole-layer kernel calls: one per layer
// forward, one per layer backward, plus the bias sums.

/** The forward pass over the loaded inputs, with training-mode dropout (`keepProb`) when `dropout`. */
export function runForward(network: NetworkBuffers, dropout: boolean, keepProb: number): void {
  const { layers, kernels, stride } = network;
  const last = layers.length - 1;
  let input = network.inputs;
  for (let l = 0; l < last; l++) {
    const layer = layers[l];
    kernels.forwardHidden(layer.w, layer.b, input, layer.activation, layer.inUnits, layer.units, stride);
    if (dropout && layer.mask !== null) kernels.dropoutMask(layer.activation, layer.mask, keepProb, layer.activation.length);
    input = layer.activation;
  }
  const output = layers[last];
  const { labels, scale, dz, db } = network.outputDelta;
  kernels.forwardSigmoid(output.w, output.b, input, output.activation, output.inUnits, stride, labels, scale, dz, db);
}

/**
 * The backward pass after a training forward pass (whose output kernel wrote the output delta
 * and bias gradient): every layer's dw and db, without the L2 term. Each hidden layer's delta
 * and bias gradient come out of the same pass as the next layer's dw.
 */
export function runBackward(network: NetworkBuffers, keepProb: number): void {
  const { layers, kernels, stride } = network;
  for (let l = layers.length - 1; l >= 1; l--) {
    const layer = layers[l];
    const below = layers[l - 1];
    kernels.backwardHidden(
      layer.w,
      need(layer.delta),
      below.activation,
      need(below.delta),
      need(layer.dw),
      need(below.db),
      layer.inUnits,
      layer.units,
      stride,
      keepProb,
    );
  }
  kernels.weightGradient(need(layers[0].delta), network.inputs, need(layers[0].dw), layers[0].inUnits, layers[0].rows, stride);
}

function need(buffer: Float64Array | null): Float64Array {
  if (buffer === null) throw new Error('runBackward: the network was allocated without training buffers');
  return buffer;
}
