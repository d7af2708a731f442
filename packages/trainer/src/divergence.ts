import type { Param } from '@lab/layers';
import { arenaOf, LabError } from '@lab/tensor';

/** Training produced a non-finite cost or gradient: usually a learning rate that is too high. */
export class DivergenceError extends LabError {
  override name = 'DivergenceError';
  /** The iteration whose cost or gradient went non-finite (0-based). */
  readonly iteration: number;
  /** The parameter whose gradient went non-finite, or `cost`. */
  readonly quantity: string;

  constructor(iteration: number, quantity: string, detail: string) {
    super(`train: iteration ${iteration}: ${detail}; try a smaller learning rate`);
    this.iteration = iteration;
    this.quantity = quantity;
  }
}

/**
 * Throws when any gradient holds NaN or ±Infinity, naming the parameter and the index.
 * One pass over the gradients: cheap next to the forward and backward passes.
 * @throws DivergenceError
 */
export function assertFiniteGradients(params: readonly Param[], iteration: number): void {
  for (const param of params) {
    const grad = param.grad.data;
    // A compiled model's gradient lies in its arena: the arena's kernel checks it (WebAssembly
    // SIMD); the loop below then runs only to name a bad value.
    if (arenaOf(grad)?.kernels.allFinite(grad, grad.length)) continue;
    for (let i = 0; i < grad.length; i++) {
      // x - x is 0 for finite x and NaN for NaN or ±Infinity: one test for both.
      if (grad[i] - grad[i] !== 0) {
        throw new DivergenceError(iteration, param.name, `gradient of ${param.name} is ${grad[i]} at flat index ${i}`);
      }
    }
  }
}

/** @throws DivergenceError when cost is NaN or ±Infinity */
export function assertFiniteCost(cost: number, iteration: number): void {
  if (!Number.isFinite(cost)) throw new DivergenceError(iteration, 'cost', `cost is ${cost}`);
}
