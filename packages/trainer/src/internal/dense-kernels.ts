import {
  backwardHiddenFm,
  dropoutFm,
  forwardHiddenFm,
  forwardSigmoidFm,
  type OutputDelta,
  weightGradientFm,
} from './feature-major-kernels';

export type { OutputDelta } from './feature-major-kernels';

/**
 * The whole-layer kernels BinaryMlp runs, over the padded feature-major buffers of
 * network-layout.ts (rows `stride` long, row counts a multiple of four). Two implementations
 * compute the same formulas: plain JavaScript (feature-major-kernels.ts, which documents each
 * one) and WebAssembly SIMD (wasm/wasm-kernels.ts). The forward passes give the same bits in
 * both; the gradient sums run in a different order. Each instance owns the memory its
 * buffers live in.
 */
export interface DenseKernels {
  readonly name: 'javascript' | 'webassembly';
  /** Zero-filled buffers of the given lengths, rows `stride` long. Invalidates any earlier call's buffers. */
  allocate(lengths: readonly number[], stride: number): Float64Array[];
  /** z = max(0, w·a + b) for the first `outUnits` rows. w (rows, inUnits), a (inUnits, stride), z (rows, stride). */
  forwardHidden(w: Float64Array, b: Float64Array, a: Float64Array, z: Float64Array, inUnits: number, outUnits: number): void;
  /** In place: z = z ⊙ mask / keepProb. z, mask (rows, stride). */
  dropout(z: Float64Array, mask: Float64Array, keepProb: number): void;
  /** out = sigmoid(w·a + b); with `delta`, the output delta and bias gradient too. out (stride,). */
  forwardSigmoid(w: Float64Array, b: Float64Array, a: Float64Array, out: Float64Array, inUnits: number, delta: OutputDelta | null): void;
  /**
   * dz = (wᵀ·dzNext) ⊙ [a > 0] / keepProb, db = Σ dz and dw = dzNext·aᵀ, over the next
   * layer's `outUnits` units. w, dw (rows, inUnits); dzNext (rows, stride); a, dz (inUnits, stride); db (inUnits,).
   */
  backwardHidden(
    w: Float64Array,
    dzNext: Float64Array,
    a: Float64Array,
    dz: Float64Array,
    dw: Float64Array,
    db: Float64Array,
    inUnits: number,
    outUnits: number,
    keepProb: number,
  ): void;
  /** dw = dz·aᵀ. dz (rows, stride), a (inUnits rounded up to even, stride), dw (rows, inUnits). */
  weightGradient(dz: Float64Array, a: Float64Array, dw: Float64Array, inUnits: number, rows: number): void;
}

/** The plain JavaScript kernels: the readable reference, and the fallback without WebAssembly SIMD. */
export function createJsKernels(): DenseKernels {
  let stride = 0;
  return {
    name: 'javascript',
    allocate(lengths, rowLength) {
      stride = rowLength;
      return lengths.map((length) => new Float64Array(length));
    },
    forwardHidden: (w, b, a, z, inUnits, outUnits) => forwardHiddenFm(w, b, a, z, inUnits, outUnits, stride),
    dropout: (z, mask, keepProb) => dropoutFm(z, mask, keepProb, z.length),
    forwardSigmoid: (w, b, a, out, inUnits, delta) => forwardSigmoidFm(w, b, a, out, inUnits, stride, delta),
    backwardHidden: (w, dzNext, a, dz, dw, db, inUnits, outUnits, keepProb) =>
      backwardHiddenFm(w, dzNext, a, dz, dw, db, inUnits, outUnits, stride, keepProb),
    weightGradient: (dz, a, dw, inUnits, rows) => weightGradientFm(dz, a, dw, inUnits, rows, stride),
  };
}
