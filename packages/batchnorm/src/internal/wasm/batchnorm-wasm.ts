import { compileWasmModule, instantiateWasm, type WasmMemory, type WasmModule } from '@lab/tensor';
import { BATCHNORM_KERNELS_WASM_BASE64 } from './batchnorm-kernels.wasm';

/** The instance's interface, with the sizing step {@link batchnormWasm} runs. */
interface SizedKernels extends BatchnormWasm {
  /** Sizes the memory for an (N, D) problem, growing it when needed; false when it cannot. */
  reserve(n: number, d: number): boolean;
}

interface KernelExports {
  readonly memory: WasmMemory;
  shiftedSums(x: number, rows: number, rowBytes: number, vec: number): void;
  normalize(x: number, out: number, rows: number, rowBytes: number, vec: number): number;
  gradientSums(g: number, x: number, rows: number, rowBytes: number, vec: number): void;
  gradientInput(g: number, x: number, dx: number, rows: number, rowBytes: number, vec: number): void;
}

// The per-feature vectors at the start of memory are interleaved (see batchnorm-kernels.wat):
// features 2p and 2p + 1 own 64 bytes, four fields of two f64. Field 0 holds the shift of the
// sums, then the mean; field 1 Σ(x − shift) or Σdout, then the scale γ/σ or the coefficient a
// of dx; field 2 Σ(x − shift)² or Σdout·(x − μ), then β or the coefficient b; field 3 the
// coefficient c.
const PAGE = 65536;
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

/**
 * Batch-norm passes in WebAssembly; see {@link batchnormWasm}. Each streams its (N, D) operands
 * through the module's memory a block of rows at a time: copy a block in, run the kernel on
 * it while it is still in cache, copy the block's results out.
 */
export interface BatchnormWasm {
  /** Forward, pass 1: the per-feature mean and biased variance of x. */
  moments(x: Float64Array): { mean: Float64Array; variance: Float64Array };
  /**
   * Forward, pass 2: `out = (x − mean)·(gamma·invStd) + beta`.
   * @returns false when some output is NaN or infinite
   */
  normalize(x: Float64Array, mean: Float64Array, invStd: Float64Array, gamma: Float64Array, beta: Float64Array, out: Float64Array): boolean;
  /** Closed-form backward, pass 1: Σdout and Σdout·(x − mean) per feature. */
  gradientSums(x: Float64Array, dout: Float64Array, mean: Float64Array): { dbeta: Float64Array; dcentered: Float64Array };
  /** Closed-form backward, pass 2: `dx = a·dout + b + c·(x − mean)`. */
  gradientInput(
    x: Float64Array,
    dout: Float64Array,
    mean: Float64Array,
    a: Float64Array,
    b: Float64Array,
    c: Float64Array,
    dx: Float64Array,
  ): void;
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
 * than 1 GiB of memory. One instance serves every call: its memory holds the interleaved
 * per-feature vectors, then a block of rows of x and a block of dout/dx (or out). It grows to
 * the largest problem seen and is reused, never shrunk; nothing is allocated in it per call.
 * Call it once at the start of each batch-norm call: it also forgets what the blocks hold.
 */
export function batchnormWasm(n: number, d: number): BatchnormWasm | null {
  if (!enabled) return null;
  if (instance === undefined) {
    const module = kernelModule();
    instance = module === null ? null : createKernels(module);
  }
  return instance?.reserve(n, d) ? instance : null;
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
  let rowBytes = 0;
  let blockRows = 0; // rows per block
  let inAt = 0; // byte offset of the input block (x)
  let ioAt = 0; // byte offset of the second block (dout, then dx; or out)
  // Which array's block each of the two holds, within one call (see `reserve`): when the whole
  // problem is one block, the second pass of a kernel finds its operands already copied in.
  let inHolds: Float64Array | null = null;
  let ioHolds: Float64Array | null = null;

  // Feature j's field f is f64 number 8·⌊j/2⌋ + 2·f + j mod 2 of the vector region; each
  // loop below fills or reads all the fields it needs in one sweep over the features.
  const clearFields = () => heap.fill(0, 0, 8 * Math.ceil(d / 2));
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

  return {
    reserve(rows, cols) {
      // Every batch-norm call starts here: forget the blocks' contents, so that a later call
      // copies its operands afresh even when they are the same (possibly modified) arrays.
      inHolds = null;
      ioHolds = null;
      if (rows === n && cols === d) return true;
      const vb = 64 * Math.ceil(cols / 2);
      // At least four rows (the sums kernels' sweep), else as many as fit BLOCK_BYTES, in fours.
      const perBlock =
        rows * cols * 8 <= ONE_BLOCK_BYTES ? rows : Math.min(rows, Math.max(4, 4 * Math.floor(BLOCK_BYTES / (4 * cols * 8))));
      const blockBytes = Math.ceil((perBlock * cols * 8) / 16) * 16;
      const total = vb + 2 * blockBytes;
      if (total > MAX_BYTES) return false;
      const pages = Math.ceil(total / PAGE) - memory.buffer.byteLength / PAGE;
      if (pages > 0) {
        try {
          memory.grow(pages);
        } catch {
          return false;
        }
        heap = new Float64Array(memory.buffer);
      }
      n = rows;
      d = cols;
      rowBytes = cols * 8;
      blockRows = perBlock;
      inAt = vb;
      ioAt = inAt + blockBytes;
      return true;
    },

    moments(x) {
      // Shifted sums, Σ(x − K) and Σ(x − K)², give the mean and variance in one pass:
      // var = Σ(x − K)²/N − (Σ(x − K)/N)². With K close to the mean the subtraction loses
      // nothing; K is the mean of the first rows. When K is off by more than a standard
      // deviation for some feature (outliers among those rows), a second pass shifted by the
      // mean found gives the corrected two-pass variance, as accurate as NumPy's.
      const leading = Math.min(n, SHIFT_ROWS);
      clearFields();
      for (let first = 0; first < leading; first += blockRows) {
        const rows = Math.min(blockRows, leading - first);
        copyIn(x, first, rows, inAt);
        kernels.shiftedSums(inAt, rows, rowBytes, 0);
      }
      const shift = new Float64Array(d);
      for (let j = 0; j < d; j++) shift[j] = heap[8 * (j >> 1) + 2 + (j & 1)] / leading;
      let sums = shiftedMoments(x, shift);
      if (sums.recenter) sums = shiftedMoments(x, sums.mean);
      return { mean: sums.mean, variance: sums.variance };
    },

    normalize(x, mean, invStd, gamma, beta, out) {
      for (let j = 0; j < d; j++) {
        const k = 8 * (j >> 1) + (j & 1);
        heap[k] = mean[j];
        heap[k + 2] = gamma[j] * invStd[j];
        heap[k + 4] = beta[j];
      }
      let check = 0;
      for (let first = 0; first < n; first += blockRows) {
        const rows = Math.min(blockRows, n - first);
        copyIn(x, first, rows, inAt);
        check += kernels.normalize(inAt, ioAt, rows, rowBytes, 0);
        ioHolds = null;
        copyOut(ioAt, out, first, rows);
      }
      return check === 0;
    },

    gradientSums(x, dout, mean) {
      clearFields();
      for (let j = 0; j < d; j++) heap[8 * (j >> 1) + (j & 1)] = mean[j];
      for (let first = 0; first < n; first += blockRows) {
        const rows = Math.min(blockRows, n - first);
        copyIn(x, first, rows, inAt);
        copyIn(dout, first, rows, ioAt);
        kernels.gradientSums(ioAt, inAt, rows, rowBytes, 0);
      }
      const dbeta = new Float64Array(d);
      const dcentered = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const k = 8 * (j >> 1) + (j & 1);
        dbeta[j] = heap[k + 2];
        dcentered[j] = heap[k + 4];
      }
      return { dbeta, dcentered };
    },

    gradientInput(x, dout, mean, a, b, c, dx) {
      for (let j = 0; j < d; j++) {
        const k = 8 * (j >> 1) + (j & 1);
        heap[k] = mean[j];
        heap[k + 2] = a[j];
        heap[k + 4] = b[j];
        heap[k + 6] = c[j];
      }
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

  /** One pass of shifted sums over x; `recenter` when the shift was too far from the mean for some feature. */
  function shiftedMoments(x: Float64Array, shift: Float64Array): { mean: Float64Array; variance: Float64Array; recenter: boolean } {
    clearFields();
    for (let j = 0; j < d; j++) heap[8 * (j >> 1) + (j & 1)] = shift[j];
    for (let first = 0; first < n; first += blockRows) {
      const rows = Math.min(blockRows, n - first);
      copyIn(x, first, rows, inAt);
      kernels.shiftedSums(inAt, rows, rowBytes, 0);
    }
    const mean = new Float64Array(d);
    const variance = new Float64Array(d);
    let recenter = false;
    for (let j = 0; j < d; j++) {
      const k = 8 * (j >> 1) + (j & 1);
      const offset = heap[k + 2] / n;
      mean[j] = shift[j] + offset;
      // Rounding can leave a (near-)zero variance slightly negative.
      variance[j] = Math.max(0, heap[k + 4] / n - offset * offset);
      // The subtraction's rounding error is about ε·(σ² + 2·offset²): at most 3ε·σ² while the
      // offset stays within one standard deviation.
      if (offset * offset > variance[j]) recenter = true;
    }
    return { mean, variance, recenter };
  }
}
