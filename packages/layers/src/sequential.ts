import { ConfigError, type Tensor } from '@lab/tensor';
import type { Layer, Mode, Param } from './layer';

/**
 * Layers applied in order: `forward` runs them first to last, `backward` last to first.
 * It is itself a {@link Layer}, so models nest.
 *
 * `params()` concatenates the layers' params and numbers each name by how often it has
 * occurred so far, counting from 1 like the course: two `Linear`s give `W1, b1, W2, b2`;
 * a batch-norm layer's `gamma`, `beta` between them become `gamma1, beta1`.
 */
export class Sequential implements Layer {
  /** The layers, in forward order. */
  readonly layers: readonly Layer[];

  /** @throws ConfigError when `layers` is empty */
  constructor(layers: readonly Layer[]) {
    if (layers.length === 0) throw new ConfigError('Sequential: layers must not be empty, got 0 layers');
    this.layers = [...layers];
  }

  /** x: (N, D) → the last layer's output; each layer caches what its backward needs. */
  forward(x: Tensor, mode: Mode): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h, mode);
    return h;
  }

  /**
   * dout: the gradient of the last output → dx (N, D); every layer overwrites its params' grads.
   * @throws StateError (from the last layer) before any `forward`
   */
  backward(dout: Tensor): Tensor {
    let g = dout;
    for (let i = this.layers.length - 1; i >= 0; i--) g = this.layers[i].backward(g);
    return g;
  }

  /**
   * Every layer's params, in layer order, renamed `<name><k>` (k-th occurrence of `name`, from 1).
   * `value` and `grad` are the layers' own tensors, so updating them in place updates the model.
   * @throws ConfigError when two renamed params would collide (e.g. a layer already names one `W1`)
   */
  params(): Param[] {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    const result: Param[] = [];
    for (const layer of this.layers) {
      for (const p of layer.params()) {
        const k = (counts.get(p.name) ?? 0) + 1;
        counts.set(p.name, k);
        const name = `${p.name}${k}`;
        if (seen.has(name)) throw new ConfigError(`Sequential.params: two parameters would both be named ${name}`);
        seen.add(name);
        result.push({ name, value: p.value, grad: p.grad });
      }
    }
    return result;
  }
}
