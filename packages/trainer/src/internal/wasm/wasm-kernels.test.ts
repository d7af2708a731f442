import { RandomState, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { BinaryMlp } from '../../binary-mlp';
import { allocateNetwork, loadInputs, loadParams } from '../network-layout';
import { runForward } from '../network-passes';

describe('BinaryMlp on the wasm and js backends', () => {
  for (const [layerSizes, n, lambd, keepProb] of [
    [[2, 20, 3, 1], 211, 0, 1],
    [[2, 20, 3, 1], 211, 0.7, 1],
    [[2, 20, 3, 1], 211, 0, 0.86],
    [[5, 7, 9, 2, 1], 33, 0.2, 0.7],
    // Every block width of the kernels without dropout: 6 ← 4, 4 ← 2, and 9 ← 5 in two blocks.
    [[3, 6, 4, 2, 1], 50, 0, 1],
    [[4, 9, 5, 1], 31, 0.1, 1],
    [[1, 1], 2, 0, 1],
  ] as const) {
    it(`match the JavaScript kernels: layers [${layerSizes.join(', ')}], N = ${n}, λ = ${lambd}, keepProb = ${keepProb}`, () => {
      const rng = new RandomState(11);
      const x = rng.randn(n, layerSizes[0]);
      const y = new Tensor(
        Float64Array.from({ length: n }, () => (rng.nextDouble() < 0.5 ? 1 : 0)),
        [n, 1],
      );
      const make = (kernels: 'webassembly' | 'javascript') =>
        new BinaryMlp({ layerSizes, rng: new RandomState(3), lambd, keepProb, dropoutMasks: 'course', kernels });
      const wasm = make('webassembly');
      const js = make('javascript');
      expect(wasm.kernelName).toBe('webassembly');
      expect(js.kernelName).toBe('javascript');
      for (const model of [wasm, js]) {
        model.setBatch(x, y);
        model.computeGradients();
      }
      // The forward pass runs the same operations in the same order: bit-identical.
      expect(Array.from(wasm.lastOutput().data)).toEqual(Array.from(js.lastOutput().data));
      expect(wasm.cost()).toBe(js.cost());
      // Gradient sums run over two SIMD lanes, then add them: equal up to rounding.
      wasm.params().forEach((param, p) => {
        const other = js.params()[p].grad.data;
        param.grad.data.forEach((g, i) => expect(Math.abs(g - other[i])).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(other[i]))));
      });
    });
  }

  it('run a forward pass without training buffers (prediction) bit for bit like the JavaScript kernels', () => {
    const layerSizes = [3, 6, 5, 1];
    const n = 23;
    const model = new BinaryMlp({ layerSizes, rng: new RandomState(4) });
    const x = new RandomState(5).randn(n, 3);
    const outputs = (['wasm', 'js'] as const).map((backend) => {
      const network = allocateNetwork(backend, { layerSizes, count: n, training: false, dropout: false });
      const params = model.params();
      loadInputs(network, x.data, 3);
      loadParams(
        network,
        params.filter((_, i) => i % 2 === 0),
        params.filter((_, i) => i % 2 === 1),
      );
      runForward(network, false, 1);
      return Array.from(network.layers[2].activation.slice(0, n));
    });
    expect(outputs[0]).toEqual(outputs[1]);
    expect(outputs[1]).toEqual(Array.from(model.predictProba(x).data));
  });
});
