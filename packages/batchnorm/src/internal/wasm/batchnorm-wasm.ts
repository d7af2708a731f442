import { compileWasmModule, growWasmMemory, instantiateWasm, type WasmMemory, type WasmModule } from '@lab/tensor';
import { BATCHNORM_KERNELS_WASM_BASE64 } from './batchnorm-kernels.wasm';

/** The instance's interface, with the sizing step {@link batchnormWasm} runs. */
interface SizedKernels extends BatchnormWasm {
  /**
   * Sizes the memory for an (N, D) problem, growing it when needed; false when it cannot.
   * Forgets what the blocks hold, except the input block when `inputOwner` claimed it last.
   */
  reserve(n: number, d: number, inputOwner: object | undefined): boolean;
}

interface KernelExports {
  readonly memory: WasmMemory;
  shiftedSums(x: number, rows: number, rowBytes: number, vec: number): void;
  normalize(x: number, out: number, rows: number, rowBytes: number, vec: number): void;
  gradientSums(g: number, x: number, rows: number, rowBytes: number, vec: number): void;
  gradientInput(g: number, x: number, dx: number, rows: number, rowBytes: number, vec: number): void;
  shiftFromSums(vec: number, pairs: number, count: number): void;
  meanAndVariance(vec: number, pairs: number, n: number, stage: number, stride: number): number;
  trainCoefficients(vec: number, pairs: number, stage: number, stride: number, eps: number, momentum: number, correction: number): number;
  prepareGradientSums(vec: number, pairs: number, stage: number): void;
  gradientCoefficients(vec: number, pairs: number, n: number, train: number, stage: number, stride: number): number;
}

// Memory: the interleaved per-feature fields at 0 (see batchnorm-kernels.wat: features 2p and
// 2p + 1 own 64 bytes, four fields of two f64), then the stage vectors (contiguous, D entries
// each, padded to an even count, copied to and from JavaScript arrays in one call), then two
// blocks of rows. Fields: 0 the shift of the sums, then the mean; 1 Σ(x − shift) or Σdout,
// then the scale γ/σ or dx's coefficient a; 2 Σ(x − shift)² or Σdout·(x − μ), then β or the
// coefficient b; 3 the coefficient c.
/** Stage vectors, in the order batchnorm-kernels.wat numbers them. */
const MEAN = 0;
const INV_STD = 1;
const GAMMA = 2;
const VARIANCE = 3;
const BETA = 4;
const RUNNING_MEAN = 5;
const RUNNING_VAR = 6;
const DBETA = 7;
const DGAMMA = 8;
const STAGE_VECTORS = 9;
/** Bit flags of the kernel meanAndVariance. */
const RECENTER = 1;
const NON_FINITE_MEAN = 2;
/** Larger problems (a block of four rows past 1 GiB) run in JavaScript. */
const MAX_BYTES = 2 ** 30;
/**
 * Bytes per block of rows: small enough that a block copied in is still in the core's cache
 * when the kernel reads it (and its results when they are copied out).
 */
const BLOCK_BYTES = 256 * 1024;
/**
 * A problem up to this size is one block: copied in once per call, then each pass reads it
 * from the module's memory (a second pass copying it again would only add work).
 */
const ONE_BLOCK_BYTES = 512 * 1024;
/** The shift of the one-pass sums is the mean of this many leading rows (or all of them, when fewer). */
const SHIFT_ROWS = 16;

/** What {@link BatchnormWasm.trainStatistics} found: the statistics, or the first bad feature. */
export type TrainStatistics =
  | { readonly mean: Float64Array; readonly invStd: Float64Array; readonly badFeature?: undefined }
  /** Feature `badFeature`'s variance plus eps is 0 or not finite; nothing was updated. */
  | { readonly badFeature: number; readonly variance: number };

/**
 * Batch-norm passes in WebAssembly; see {@link batchnormWasm}. Each streams its (N, D) operands
 * through the module's memory a block of rows at a time: copy a block in, run the kernel on
 * it while it is still in cache, copy the block's results out. The per-feature work between
 * the passes runs in the module too.
 */
export interface BatchnormWasm {
  /**
   * Forward (train), pass 1: the per-feature mean and biased variance of x, kept in the module.
   * @returns false when some mean is NaN or infinite (a NaN or infinity in x, or overflow)
   */
  batchMoments(x: Float64Array): boolean;
  /**
   * Forward (train), after `batchMoments`: `1/σ = 1/√(var + eps)`, the running statistics'
   * update (written into `runningMean`/`runningVar` (D,) only when every feature is fine) and
   * the coefficients of `normalize`.
   * @param correction - N/(N − 1) for an unbiased running variance, else 1
   * @returns new mean and invStd arrays (D,), or the first feature whose variance plus eps is bad
   */
  trainStatistics(
    gamma: Float64Array,
    beta: Float64Array,
    runningMean: Float64Array,
    runningVar: Float64Array,
    eps: number,
    momentum: number,
    correction: number,
  ): TrainStatistics;
  /**
   * Forward (test mode, where x enters no other sum): false when x holds a NaN or an infinity,
   * or when its per-feature sums overflow. One summing pass.
   */
  allFinite(x: Float64Array): boolean;
  /** Forward (test mode): the coefficients of `normalize` from the given (D,) statistics. */
  testCoefficients(mean: Float64Array, invStd: Float64Array, gamma: Float64Array, beta: Float64Array): void;
  /**
   * Forward, pass 2: `out = (x − mean)·(gamma·invStd) + beta` with the coefficients of
   * `trainStatistics` or `testCoefficients`. The output is not checked: x has been.
   */
  normalize(x: Float64Array, out: Float64Array): void;
  /**
   * Marks the input block, when it holds the whole x the forward pass just read, as x of the
   * forward pass that made `owner` (its cache): when the next batch-norm call is that cache's
   * backward pass (`batchnormWasm(n, d, owner)`), it finds x there instead of copying it again.
   */
  keepInputFor(x: Float64Array, owner: object): void;
  /**
   * Closed-form backward, pass 1: Σdout and Σdout·(x − mean), then dβ, dγ and the coefficients
   * of `gradientInput`, per feature.
   * @param mean, invStd, gamma - (D,) from the cache
   * @returns new dbeta and dgamma arrays (D,); `finite` false when some dbeta is NaN or infinite
   */
  gradientSums(
    x: Float64Array,
    dout: Float64Array,
    mean: Float64Array,
    invStd: Float64Array,
    gamma: Float64Array,
    mode: 'train' | 'test',
  ): { dbeta: Float64Array; dgamma: Float64Array; finite: boolean };
  /** Closed-form backward, pass 2: `dx = a·dout + b + c·(x − mean)` with the coefficients of `gradientSums`. */
  gradientInput(x: Float64Array, dout: Float64Array, dx: Float64Array): void;
}

let compiled: WasmModule | null | undefined;
let instance: SizedKernels | null | undefined;
let enabled = true;

/**
 * Switches the WebAssembly kernels off (`false`) or back on, so tests and the benchmark can run
 * the JavaScript reference kernels in the same process. On by default.
 */
export function useWebAssembly(on: boolean): void {
  enabled = on;
}

/**
 * The WebAssembly SIMD batch-norm kernels (batchnorm-kernels.wat) sized for an (N, D) problem,
 * or null when they are switched off, this runtime cannot run them, or the problem needs more
 * than 1 GiB of memory. One instance serves every call: its memory holds the per-feature
 * vectors, then a block of rows of x and a block of dout/dx (or out). It grows to the largest
 * problem seen and is reused, never shrunk; nothing is allocated in it per call.
 * Call it once at the start of each batch-norm call: it also forgets what the blocks hold, except
 * for a backward pass given the cache whose forward pass kept x there (see `keepInputFor`).
 * @param inputOwner - the backward pass's cache; undefined for a forward pass
 */
export function batchnormWasm(n: number, d: number, inputOwner?: object): BatchnormWasm | null {
  if (!enabled) return null;
  if (instance === undefined) {
    const module = kernelModule();
    instance = module === null ? null : createKernels(module);
  }
  return instance?.reserve(n, d, inputOwner) ? instance : null;
}

/** Compiles the module once; null when this runtime has no WebAssembly SIMD. */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) compiled = compileWasmModule(BATCHNORM_KERNELS_WASM_BASE64);
  return compiled;
}

function createKernels(module: WasmModule): SizedKernels {
  const kernels = instantiateWasm<KernelExports>(module);
  const memory = kernels.memory;
  let heap = new Float64Array(memory.buffer);
  let n = 0;
  let d = 0;
  let pairs = 0; // ⌈D/2⌉
  let stride = 0; // bytes per stage vector
  let rowBytes = 0;
  let blockRows = 0; // rows per block
  let stageAt = 0; // byte offset of the stage vectors
  let inAt = 0; // byte offset of the input block (x)
  let ioAt = 0; // byte offset of the second block (dout, then dx; or out)
  // Which array's block each of the two holds, within one call (see `reserve`): when the whole
  // problem is one block, the second pass of a kernel finds its operands already copied in.
  let inHolds: Float64Array | null = null;
  let ioHolds: Float64Array | null = null;
  // The cache whose backward pass may find its x in the input block (see `keepInputFor`).
  let inOwner: object | null = null;

  const clearFields = () => heap.fill(0, 0, 8 * Math.ceil(d / 2));
  /** f64 index of stage vector k. */
  const stage = (k: number) => (stageAt + k * stride) / 8;
  const stageIn = (k: number, v: Float64Array) => heap.set(v, stage(k));
  const stageOut = (k: number, v: Float64Array) => v.set(heap.subarray(stage(k), stage(k) + d));
  const stageCopy = (k: number) => heap.slice(stage(k), stage(k) + d);
  /** Copies rows [first, first + rows) of an (N, D) array into the block at byte offset `at`. */
  const copyIn = (a: Float64Array, first: number, rows: number, at: number) => {
    const whole = rows === n;
    if (whole && (at === inAt ? inHolds : ioHolds) === a) return;
    heap.set(a.subarray(first * d, (first + rows) * d), at / 8);
    if (at === inAt) inHolds = whole ? a : null;
    else ioHolds = whole ? a : null;
  };
  /** Copies the block at byte offset `at` out to rows [first, first + rows) of an (N, D) array. */
  const copyOut = (at: number, a: Float64Array, first: number, rows: number) => a.set(heap.subarray(at / 8, at / 8 + rows * d), first * d);
  /** Runs shiftedSums over rows [0, rows) of x with the current shift in field 0. */
  const sumRows = (x: Float64Array, rows: number) => {
    for (let first = 0; first < rows; first += blockRows) {
      const count = Math.min(blockRows, rows - first);
      copyIn(x, first, count, inAt);
      kernels.shiftedSums(inAt, count, rowBytes, 0);
    }
  };

  return {
    reserve(rows, cols, owner) {
      // Every batch-norm call starts here: forget the blocks' contents, so that a later call
      // copies its operands afresh even when they are the same (possibly modified) arrays. The
      // one exception: the backward pass of the forward pass that kept x, which the cache
      // requires unchanged until then.
      if (owner === undefined || owner !== inOwner) {
        inHolds = null;
        inOwner = null;
      }
      ioHolds = null;
      if (rows === n && cols === d) return true;
      const vectorBytes = 64 * Math.ceil(cols / 2) + STAGE_VECTORS * 16 * Math.ceil(cols / 2);
      // At least four rows (the sums kernels' sweep), else as many as fit BLOCK_BYTES, in fours.
      const perBlock =
        rows * cols * 8 <= ONE_BLOCK_BYTES ? rows : Math.min(rows, Math.max(4, 4 * Math.floor(BLOCK_BYTES / (4 * cols * 8))));
      const blockBytes = Math.ceil((perBlock * cols * 8) / 16) * 16;
      const total = vectorBytes + 2 * blockBytes;
      if (total > MAX_BYTES || !growWasmMemory(memory, total)) return false;
      // Growing detached the old buffer and the views over it.
      if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
      n = rows;
      d = cols;
      pairs = Math.ceil(cols / 2);
      stride = 16 * pairs;
      rowBytes = cols * 8;
      blockRows = perBlock;
      stageAt = 64 * pairs;
      inAt = vectorBytes;
      ioAt = inAt + blockBytes;
      // A new shape invalidates what the input block held.
      inHolds = null;
      inOwner = null;
      return true;
    },

    batchMoments(x) {
      // Shifted sums, Σ(x − K) and Σ(x − K)², give the mean and variance in one pass:
      // var = Σ(x − K)²/N − (Σ(x − K)/N)². With K close to the mean the subtraction loses
      // nothing; K is the mean of the first rows. When K is off by more than a standard
      // deviation for some feature (outliers among those rows), a second pass shifted by the
      // mean found gives the corrected two-pass variance, as accurate as NumPy's.
      const leading = Math.min(n, SHIFT_ROWS);
      clearFields();
      sumRows(x, leading);
      kernels.shiftFromSums(0, pairs, leading);
      sumRows(x, n);
      let flags = kernels.meanAndVariance(0, pairs, n, stageAt, stride);
      if (flags & RECENTER) {
        sumRows(x, n);
        flags = kernels.meanAndVariance(0, pairs, n, stageAt, stride);
      }
      return (flags & NON_FINITE_MEAN) === 0;
    },

    trainStatistics(gamma, beta, runningMean, runningVar, eps, momentum, correction) {
      stageIn(GAMMA, gamma);
      stageIn(BETA, beta);
      stageIn(RUNNING_MEAN, runningMean);
      stageIn(RUNNING_VAR, runningVar);
      if (kernels.trainCoefficients(0, pairs, stageAt, stride, eps, momentum, correction)) {
        // Some lane's 1/σ is bad: find the feature (the same arithmetic), unless it was padding.
        for (let j = 0; j < d; j++) {
          const variance = heap[stage(VARIANCE) + j];
          const invStd = 1 / Math.sqrt(variance + eps);
          if (invStd - invStd !== 0 || !(invStd > 0)) return { badFeature: j, variance };
        }
      }
      stageOut(RUNNING_MEAN, runningMean);
      stageOut(RUNNING_VAR, runningVar);
      return { mean: stageCopy(MEAN), invStd: stageCopy(INV_STD) };
    },

    allFinite(x) {
      clearFields();
      sumRows(x, n);
      // x − x is 0 for finite x and NaN otherwise; a NaN or infinity in x reaches its column's sum.
      let check = 0;
      for (let j = 0; j < d; j++) {
        const sum = heap[8 * (j >> 1) + 2 + (j & 1)];
        check += sum - sum;
      }
      return check === 0;
    },

    testCoefficients(mean, invStd, gamma, beta) {
      for (let j = 0; j < d; j++) {
        const k = 8 * (j >> 1) + (j & 1);
        heap[k] = mean[j];
        heap[k + 2] = gamma[j] * invStd[j];
        heap[k + 4] = beta[j];
      }
    },

    normalize(x, out) {
      for (let first = 0; first < n; first += blockRows) {
        const rows = Math.min(blockRows, n - first);
        copyIn(x, first, rows, inAt);
        kernels.normalize(inAt, ioAt, rows, rowBytes, 0);
        ioHolds = null;
        copyOut(ioAt, out, first, rows);
      }
    },

    keepInputFor(x, owner) {
      inOwner = inHolds === x ? owner : null;
    },

    gradientSums(x, dout, mean, invStd, gamma, mode) {
      stageIn(MEAN, mean);
      stageIn(INV_STD, invStd);
      stageIn(GAMMA, gamma);
      kernels.prepareGradientSums(0, pairs, stageAt);
      for (let first = 0; first < n; first += blockRows) {
        const rows = Math.min(blockRows, n - first);
        copyIn(x, first, rows, inAt);
        copyIn(dout, first, rows, ioAt);
        kernels.gradientSums(ioAt, inAt, rows, rowBytes, 0);
      }
      const check = kernels.gradientCoefficients(0, pairs, n, mode === 'train' ? 1 : 0, stageAt, stride);
      return { dbeta: stageCopy(DBETA), dgamma: stageCopy(DGAMMA), finite: check === 0 };
    },

    gradientInput(x, dout, dx) {
      for (let first = 0; first < n; first += blockRows) {
        const rows = Math.min(blockRows, n - first);
        copyIn(x, first, rows, inAt);
        copyIn(dout, first, rows, ioAt);
        // dx overwrites dout in its block.
        kernels.gradientInput(ioAt, inAt, ioAt, rows, rowBytes, 0);
        ioHolds = null;
        copyOut(ioAt, dx, first, rows);
      }
    },
  };
}
