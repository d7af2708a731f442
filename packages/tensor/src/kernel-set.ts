import type { BackendName } from './backend';

export { batchnormWorkspaceLength } from './internal/kernels/batchnorm';
export { softmaxWorkspaceLength } from './internal/kernels/elementwise';
export { gemmPanelsLength } from './internal/kernels/gemm';

/**
 * The kernels of one backend, bound to one {@link Arena}: lab's compute below the layers. Every
 * kernel has a plain JavaScript implementation (the `js` backend, the readable reference) and a
 * WebAssembly SIMD one (the `wasm` backend) that runs the same formulas; where the two sum in the
 * same order they give the same bits (each kernel says so), elsewhere they agree to rounding.
 *
 * The memory protocol: every `Float64Array` argument that a kernel reads or writes in bulk (the
 * matrices, activations and gradients) must be a view into the kernel set's arena — the
 * WebAssembly kernels only see their own memory, and use the view's byte offset. (The `js`
 * kernels accept any array, but code written against the kernel set keeps to the rule.) Small
 * per-feature vectors of the batch-norm kernels may live anywhere: they are copied. Kernels
 * allocate nothing and keep nothing between calls. A kernel writes only its outputs, plus, where
 * it says so, up to 3 values past the end of one (which the arena's slack absorbs).
 *
 * Layouts are row-major; N is the batch, D/M feature counts.
 */
export interface KernelSet {
  readonly backend: BackendName;

  /**
   * Packs op(B), (k, m), into column panels of width 4 for {@link multiplyPanels}.
   * @param b - (k, m), or (m, k) with `transposeB`
   * @param panels - at least `gemmPanelsLength(k, m)` values, overwritten
   */
  packPanels(b: Float64Array, k: number, m: number, transposeB: boolean, panels: Float64Array): void;
  /**
   * `c (n, m) = op(a) · op(B)` with op(B) packed in `panels`: each element summed over p = 0 … k−1
   * in order from 0, bit-identical to the naive loop on both backends. k ≥ 1.
   * @param a - (n, k), or (k, n) with `transposeA`; read in place
   * @param c - (n, m), overwritten; the `wasm` kernel may also write up to 3 values past its end
   */
  multiplyPanels(a: Float64Array, panels: Float64Array, c: Float64Array, n: number, k: number, m: number, transposeA: boolean): void;
  /** `c (n, m) += bias (m,)` row by row, then, with `relu`, `max(0, ·)` (NaN and −0 kept). Same bits on both backends. */
  addBias(c: Float64Array, bias: Float64Array, n: number, m: number, relu: boolean): void;

  /**
   * Feature-major hidden layer: `z = max(0, w·a + b)` for the first `outUnits` rows, each output
   * summed `b + w₀a₀ + w₁a₁ + …` left to right (same bits on both backends).
   * @param w - (rows, inUnits), rows = outUnits rounded up to 4, padded rows zero
   * @param b - (rows,)
   * @param a - (inUnits, stride); stride = the batch rounded up to a multiple of 4 (the `wasm`
   *   kernels work on four examples at a time)
   * @param z - (rows, stride)
   */
  forwardHidden(
    w: Float64Array,
    b: Float64Array,
    a: Float64Array,
    z: Float64Array,
    inUnits: number,
    outUnits: number,
    stride: number,
  ): void;
  /**
   * Feature-major sigmoid output unit: `out = σ(w·a + b)` (summed as {@link forwardHidden}), the
   * output delta `dz = scale·(out − y)` and its bias gradient `db = Σ dz`. scale is 1/N for an
   * example and 0 for the padding. Same `out` bits on both backends; `db` is summed in another order.
   * @param w - (1, inUnits); b - (1,); a - (inUnits, stride); out, labels, scale, dz - (stride,); db - (1,)
   */
  forwardSigmoid(
    w: Float64Array,
    b: Float64Array,
    a: Float64Array,
    out: Float64Array,
    inUnits: number,
    stride: number,
    labels: Float64Array,
    scale: Float64Array,
    dz: Float64Array,
    db: Float64Array,
  ): void;
  /**
   * Feature-major backward through a hidden ReLU (and dropout) layer and the layer after it, in
   * one pass: `dz = (wᵀ·dzNext) ⊙ [a > 0] / keepProb`, `db = Σ dz` (this layer's bias gradient),
   * `dw = dzNext·aᵀ + decay·w` (the next layer's weight gradient, with an L2 term's λ/m as
   * `decay`: added to each finished sum, the same bits as adding it in a pass of its own; 0, the
   * default, adds nothing). Gradient sums run over two SIMD lanes on `wasm`: agreement to rounding.
   * @param w, dw - (rows, inUnits) of the next layer, `outUnits` real rows
   * @param dzNext - (rows, stride); a, dz - (inUnits rounded up to 4, stride); db - (inUnits,)
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
    stride: number,
    keepProb: number,
    decay?: number,
  ): void;
  /**
   * Feature-major first-layer weight gradient `dw = dz·aᵀ + decay·w` (decay as in
   * {@link backwardHidden}; w is read only when decay ≠ 0). Sums over two SIMD lanes on `wasm`.
   * @param dz - (rows, stride); a - (inUnits rounded up to even, stride); w, dw - (rows, inUnits)
   */
  weightGradient(
    dz: Float64Array,
    a: Float64Array,
    dw: Float64Array,
    inUnits: number,
    rows: number,
    stride: number,
    w?: Float64Array,
    decay?: number,
  ): void;

  /** Inverted dropout in place: `values = values·mask / keepProb` over `length` values. Same bits on both backends. */
  dropoutMask(values: Float64Array, mask: Float64Array, keepProb: number, length: number): void;
  /** ReLU backward from the output y, in place: `dout = y > 0 ? dout : 0`. Same bits on both backends. */
  reluMask(dout: Float64Array, y: Float64Array, length: number): void;
  /** `out (m,) = Σᵢ a[i, :]` over a (n, m), rows in order: a bias gradient. Same bits on both backends. */
  columnSums(a: Float64Array, n: number, m: number, out: Float64Array): void;
  /** Whether every one of the first `length` values is finite (no NaN, no ±∞): a divergence check. */
  allFinite(values: Float64Array, length: number): boolean;
  /** `a = σ(z)` and `dz = (1/n)·(a − y)`: a sigmoid output with binary cross-entropy. All (n,). Same bits on both backends. */
  sigmoidCrossEntropy(z: Float64Array, labels: Float64Array, n: number, a: Float64Array, dz: Float64Array): void;
  /**
   * Softmax cross-entropy on scores (n, c) with class indices (n,) (as doubles, already checked):
   * `dx (n, c)` = (softmax − one-hot)/n, and in `work` what {@link softmaxLoss} needs. Same bits on
   * both backends. Returns nothing: a training step that does not read its loss allocates nothing
   * (a returned double is boxed wherever V8 does not inline the call).
   * @param work - `softmaxWorkspaceLength(n)` values
   */
  softmaxCrossEntropy(scores: Float64Array, labels: Float64Array, n: number, c: number, dx: Float64Array, work: Float64Array): void;
  /** The mean loss of the last {@link softmaxCrossEntropy} over n rows, from its `work` (the logs run in JavaScript on both backends). */
  softmaxLoss(work: Float64Array, n: number): number;

  /**
   * Batch norm, train mode: per-feature mean and biased variance of x (n, d), `invStd = 1/√(var + eps)`,
   * then, when every feature is fine, the running statistics' update (`momentum·running + (1 −
   * momentum)·batch`, the variance times `correction`) and `out = (x − mean)·(γ·invStd) + β`
   * (floored at 0 with `relu`). The `js` kernel computes the statistics in two passes, the `wasm`
   * one in one shifted pass: they agree to rounding.
   * @param work - `batchnormWorkspaceLength(d)` values
   * @returns −1, or the first feature whose invStd is not finite and > 0 (nothing else written then)
   */
  batchnormTrainForward(
    x: Float64Array,
    n: number,
    d: number,
    gamma: Float64Array,
    beta: Float64Array,
    runningMean: Float64Array,
    runningVar: Float64Array,
    eps: number,
    momentum: number,
    correction: number,
    mean: Float64Array,
    variance: Float64Array,
    invStd: Float64Array,
    out: Float64Array,
    relu: boolean,
    work: Float64Array,
  ): number;
  /**
   * Batch norm with given statistics (test mode): `out = (x − mean)·(γ·invStd) + β`, floored at 0
   * with `relu`. Same bits on both backends.
   * @returns false when x may hold a NaN or an infinity (the caller looks); out is written either way
   */
  batchnormTestForward(
    x: Float64Array,
    n: number,
    d: number,
    mean: Float64Array,
    invStd: Float64Array,
    gamma: Float64Array,
    beta: Float64Array,
    out: Float64Array,
    relu: boolean,
    work: Float64Array,
  ): boolean;
  /**
   * Batch norm's closed-form backward: `dβ = Σdout`, `dγ = Σ dout·x̂`, and
   * `dx = γ/(N·σ)·(N·dout − Σdout − x̂·Σ(dout·x̂))` (test mode: `γ/σ·dout`). dx may be dout. The
   * `wasm` kernel sums over two lanes: agreement to rounding.
   * @returns false when some dβ is not finite (a NaN or an infinity in dout, or an overflow: the
   *   caller looks); the outputs are written either way
   */
  batchnormBackward(
    x: Float64Array,
    dout: Float64Array,
    n: number,
    d: number,
    mean: Float64Array,
    invStd: Float64Array,
    gamma: Float64Array,
    train: boolean,
    dx: Float64Array,
    dgamma: Float64Array,
    dbeta: Float64Array,
    work: Float64Array,
  ): boolean;

  /** Gradient descent in place: `w −= learningRate·g`. Same bits on both backends. */
  sgdUpdate(w: Float64Array, g: Float64Array, learningRate: number, length: number): void;
  /** Adam in place, with the bias corrections c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ given. Same bits on both backends. */
  adamUpdate(
    w: Float64Array,
    g: Float64Array,
    v: Float64Array,
    s: Float64Array,
    length: number,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    correction1: number,
    correction2: number,
  ): void;
}
