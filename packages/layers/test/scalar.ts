import { Tensor } from '@lab/tensor';

/** Wraps a loss so `numericGradient` can differentiate it: a (1,) tensor holding the loss. */
export function asTensor(loss: number): Tensor {
  return new Tensor(Float64Array.of(loss), [1]);
}

/** The upstream gradient of a scalar loss: a (1,) tensor holding 1. */
export function unitGradient(): Tensor {
  return new Tensor(Float64Array.of(1), [1]);
}
