import type { Tensor } from '@lab/tensor';

/** Whether a layer is training (batch statistics, dropout on) or evaluating. */
export type Mode = 'train' | 'test';

/** A trainable tensor and the gradient the last `backward` wrote for it (same shape). */
export interface Param {
  /** Unique within a model, e.g. `W1`, `b1`, `gamma2`. */
  readonly name: string;
  readonly value: Tensor;
  readonly grad: Tensor;
}

/**
 * The contract every layer class keeps: `forward` caches what `backward` needs,
 * `backward` overwrites (never accumulates) its parameters' grads and returns dx.
 */
export interface Layer {
  /** x: (N, D) → (N, M). Saves the cache for `backward`. */
  forward(x: Tensor, mode: Mode): Tensor;
  /** dout: (N, M) → dx: (N, D). @throws StateError before any `forward` */
  backward(dout: Tensor): Tensor;
  /** Trainable parameters with their gradients; empty for parameter-free layers. */
  params(): Param[];
  /**
   * Optional: moves the layer's parameters into the given tensors — `values[i]` and `grads[i]`
   * with the shapes of `params()[i]` — after copying the current values (and grads) into them;
   * from then on `params()`, `forward` and `backward` use them, and the layer's earlier tensors
   * are dropped (so is its cache: call `forward` again before `backward`). `@lab/trainer`'s
   * `compile` calls it to keep a network's parameters in its memory arena, so that the layer
   * and the compiled model share one copy and neither sees stale weights.
   * @throws ShapeError when the counts or shapes differ from `params()`
   */
  bindParams?(values: readonly Tensor[], grads: readonly Tensor[]): void;
}
