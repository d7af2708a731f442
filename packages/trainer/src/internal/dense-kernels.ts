import {
  createKernelScratch,
  type KernelScratch,
  linearForwardFm,
  linearWeightGradFm,
  reluDropoutFm,
  reluInputGradFm,
} from './feature-major-kernels';

/**
 * The kernels BinaryMlp runs, over feature-major buffers whose rows are `stride` long
 * (the batch padded to an even size). Two implementations compute the same formulas:
 * plain JavaScript (feature-major-kernels.ts) and WebAssembly SIMD (wasm/wasm-kernels.ts).
 * Each instance owns the memory its buffers live in.
 */
export interface DenseKernels {
  readonly name: 'javascript' | 'webassembly';
  /**
   * Zero-filled buffers of the given lengths, plus the zero and scratch rows for ragged
   * blocks. Invalidates the buffers of any earlier call.
   */
  allocate(lengths: readonly number[], stride: number): Float64Array[];
  /** z = w·a + b. w (out, in), b (out,), a (in, stride), z (out, stride). */
  linearForward(w: Float64Array, b: Float64Array, a: Float64Array, z: Float64Array, inUnits: number, outUnits: number): void;
  /** dw = dz·aᵀ + l2Scale·w, db = Σ dz. dz (out, stride), a (in, stride). */
  linearWeightGrad(
    dz: Float64Array,
    a: Float64Array,
    w: Float64Array,
    dw: Float64Array,
    db: Float64Array,
    inUnits: number,
    outUnits: number,
    l2Scale: number,
  ): void;
  /** dzPrev = (wᵀ·dz) ⊙ [aPrev > 0] / keepProb. */
  reluInputGrad(
    w: Float64Array,
    dz: Float64Array,
    aPrev: Float64Array,
    dzPrev: Float64Array,
    inUnits: number,
    outUnits: number,
    keepProb: number,
  ): void;
  /** In place: z = max(0, z), then z ⊙ mask / keepProb when a mask is given. */
  reluDropout(z: Float64Array, mask: Float64Array | null, keepProb: number): void;
}

/** The plain JavaScript kernels: the readable reference, and the fallback without WebAssembly SIMD. */
export function createJsKernels(): DenseKernels {
  let scratch: KernelScratch = createKernelScratch(0);
  let stride = 0;
  return {
    name: 'javascript',
    allocate(lengths, rowLength) {
      stride = rowLength;
      scratch = createKernelScratch(rowLength);
      return lengths.map((length) => new Float64Array(length));
    },
    linearForward: (w, b, a, z, inUnits, outUnits) => linearForwardFm(w, b, a, z, inUnits, outUnits, stride, scratch),
    linearWeightGrad: (dz, a, w, dw, db, inUnits, outUnits, l2Scale) =>
      linearWeightGradFm(dz, a, w, dw, db, inUnits, outUnits, stride, l2Scale, scratch),
    reluInputGrad: (w, dz, aPrev, dzPrev, inUnits, outUnits, keepProb) =>
      reluInputGradFm(w, dz, aPrev, dzPrev, inUnits, outUnits, stride, keepProb, scratch),
    reluDropout: (z, mask, keepProb) => reluDropoutFm(z, mask, keepProb, z.length),
  };
}
