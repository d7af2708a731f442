import type { KernelSet } from '../../kernel-set';
import { instantiateWasm, type WasmMemory } from '../../wasm-module';
import { softmaxLoss } from '../kernels/elementwise';
import type { KernelModules } from './wasm-support';

// The `wasm` backend: the kernel modules instantiated against one arena's memory. Each kernel
// takes views into that memory and passes their byte offsets; nothing is copied, except the
// small per-feature vectors of batch norm, which go through the work space.

interface GemmExports {
  packPanels(b: number, k: number, m: number, pStride: number, jStride: number, panels: number): void;
  multiply(a: number, panels: number, c: number, n: number, k: number, m: number, aRow: number, aStep: number, chunkRows: number): void;
}

interface DenseExports {
  forwardHidden(w: number, b: number, a: number, z: number, inUnits: number, outUnits: number, rowBytes: number): void;
  forwardSigmoid(
    w: number,
    b: number,
    a: number,
    out: number,
    inUnits: number,
    rowBytes: number,
    labels: number,
    scale: number,
    dz: number,
    db: number,
  ): void;
  backwardHidden(
    w: number,
    dzNext: number,
    a: number,
    dz: number,
    dw: number,
    db: number,
    inUnits: number,
    outUnits: number,
    rowBytes: number,
    keepProb: number,
    decay: number,
  ): void;
  weightGradient(dz: number, a: number, dw: number, inUnits: number, rows: number, rowBytes: number, w: number, decay: number): void;
  sigmoidCrossEntropy(z: number, labels: number, n: number, a: number, dz: number): void;
  softmaxCrossEntropy(scores: number, labels: number, n: number, c: number, dx: number, work: number): void;
}

interface ElementwiseExports {
  addBias(c: number, bias: number, n: number, m: number, relu: number): void;
  dropoutMask(values: number, mask: number, keepProb: number, length: number): void;
  reluMask(dout: number, y: number, length: number): void;
  columnSums(a: number, n: number, m: number, out: number): void;
  allFinite(values: number, length: number): number;
  sgdUpdate(w: number, g: number, learningRate: number, length: number): void;
  adamUpdate(
    w: number,
    g: number,
    v: number,
    s: number,
    length: number,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    correction1: number,
    correction2: number,
  ): void;
}

interface BatchnormExports {
  shiftedSums(x: number, rows: number, rowBytes: number, vec: number): void;
  normalize(x: number, out: number, rows: number, rowBytes: number, vec: number, floor: number): void;
  gradientSums(g: number, x: number, rows: number, rowBytes: number, vec: number): void;
  gradientInput(g: number, x: number, dx: number, rows: number, rowBytes: number, vec: number): void;
  shiftFromSums(vec: number, pairs: number, count: number): void;
  meanAndVariance(vec: number, pairs: number, n: number, stage: number, stride: number): number;
  trainCoefficients(vec: number, pairs: number, stage: number, stride: number, eps: number, momentum: number, correction: number): number;
  prepareGradientSums(vec: number, pairs: number, stage: number): void;
  gradientCoefficients(vec: number, pairs: number, n: number, train: number, stage: number, stride: number): number;
}

/** Elements of A per row chunk of the product: 16 Ki float64 = 128 KiB, about half an L2 cache (as in kernels/gemm.ts). */
const CHUNK_ELEMENTS = 16384;

// Batch norm's work space (see batchnorm-kernels.wat): the interleaved per-feature fields, 64
// bytes per pair of features, then nine "stage" vectors of D entries padded to an even count.
const MEAN = 0;
const INV_STD = 1;
const GAMMA = 2;
const VARIANCE = 3;
const BETA = 4;
const RUNNING_MEAN = 5;
const RUNNING_VAR = 6;
const DBETA = 7;
const DGAMMA = 8;
/** Bit flags of meanAndVariance. */
const RECENTER = 1;
/** The shift of the one-pass sums is the mean of this many leading rows (or all of them, when fewer). */
const SHIFT_ROWS = 16;

/**
 * The `wasm` kernel set over `memory` (a fixed-size memory: views over it are never detached).
 * @param modules - the compiled kernel modules
 */
export function createWasmKernelSet(memory: WasmMemory, modules: KernelModules): KernelSet {
  const imports = { env: { memory } };
  const gemm = instantiateWasm<GemmExports>(modules.gemm, imports);
  const dense = instantiateWasm<DenseExports>(modules.dense, imports);
  const batchnorm = instantiateWasm<BatchnormExports>(modules.batchnorm, imports);
  const elementwise = instantiateWasm<ElementwiseExports>(modules.elementwise, imports);
  const buffer = memory.buffer;
  const heap = new Float64Array(buffer);

  /** The byte offset of `view`, which must be a view of this arena's memory. */
  const at = (view: Float64Array): number => {
    if (view.buffer !== buffer) throw new Error('wasm kernels: an operand is not a view of this arena (see createArena)');
    return view.byteOffset;
  };

  /** The batch-norm work space's layout for d features. */
  const layout = (work: Float64Array, d: number) => {
    const pairs = (d + 1) >> 1;
    const vec = at(work);
    return { pairs, vec, stageAt: vec + 64 * pairs, stride: 16 * pairs };
  };
  const stageIn = (stageAt: number, stride: number, k: number, v: Float64Array) => heap.set(v, (stageAt + k * stride) / 8);
  const stageOut = (stageAt: number, stride: number, k: number, v: Float64Array, d: number) => {
    const base = (stageAt + k * stride) / 8;
    for (let j = 0; j < d; j++) v[j] = heap[base + j];
  };

  return {
    backend: 'wasm',

    packPanels(b, k, m, transposeB, panels) {
      if (k === 0 || m === 0) return;
      gemm.packPanels(at(b), k, m, transposeB ? 8 : 8 * m, transposeB ? 8 * k : 8, at(panels));
    },
    multiplyPanels(a, panels, c, n, k, m, transposeA) {
      if (n === 0 || m === 0) return;
      if (k === 0) {
        c.fill(0, 0, n * m);
        return;
      }
      const chunkRows = Math.max(4, Math.floor(CHUNK_ELEMENTS / k) & ~3);
      gemm.multiply(at(a), at(panels), at(c), n, k, m, transposeA ? 8 : 8 * k, transposeA ? 8 * n : 8, chunkRows);
    },
    addBias(c, bias, n, m, relu) {
      elementwise.addBias(at(c), at(bias), n, m, relu ? 1 : 0);
    },

    forwardHidden(w, b, a, z, inUnits, outUnits, stride) {
      dense.forwardHidden(at(w), at(b), at(a), at(z), inUnits, outUnits, 8 * stride);
    },
    forwardSigmoid(w, b, a, out, inUnits, stride, labels, scale, dz, db) {
      dense.forwardSigmoid(at(w), at(b), at(a), at(out), inUnits, 8 * stride, at(labels), at(scale), at(dz), at(db));
    },
    backwardHidden(w, dzNext, a, dz, dw, db, inUnits, outUnits, stride, keepProb, decay = 0) {
      dense.backwardHidden(at(w), at(dzNext), at(a), at(dz), at(dw), at(db), inUnits, outUnits, 8 * stride, keepProb, decay);
    },
    weightGradient(dz, a, dw, inUnits, rows, stride, w = dw, decay = 0) {
      dense.weightGradient(at(dz), at(a), at(dw), inUnits, rows, 8 * stride, at(w), decay);
    },

    dropoutMask(values, mask, keepProb, length) {
      elementwise.dropoutMask(at(values), at(mask), keepProb, length);
    },
    reluMask(dout, y, length) {
      elementwise.reluMask(at(dout), at(y), length);
    },
    columnSums(a, n, m, out) {
      elementwise.columnSums(at(a), n, m, at(out));
    },
    allFinite(values, length) {
      return elementwise.allFinite(at(values), length) !== 0;
    },
    sigmoidCrossEntropy(z, labels, n, a, dz) {
      dense.sigmoidCrossEntropy(at(z), at(labels), n, at(a), at(dz));
    },
    softmaxCrossEntropy(scores, labels, n, c, dx, work) {
      dense.softmaxCrossEntropy(at(scores), at(labels), n, c, at(dx), at(work));
    },
    softmaxLoss,

    batchnormTrainForward(
      x,
      n,
      d,
      gamma,
      beta,
      runningMean,
      runningVar,
      eps,
      momentum,
      correction,
      mean,
      variance,
      invStd,
      out,
      relu,
      work,
    ) {
      const { pairs, vec, stageAt, stride } = layout(work, d);
      const xAt = at(x);
      const rowBytes = 8 * d;
      // Shifted sums, Σ(x − K) and Σ(x − K)², give the mean and variance in one pass:
      // var = Σ(x − K)²/N − (Σ(x − K)/N)². With K close to the mean the subtraction loses
      // nothing; K is the mean of the first rows. When K is off by more than a standard
      // deviation for some feature (outliers among those rows), a second pass shifted by the
      // mean found gives the corrected two-pass variance, as accurate as NumPy's.
      heap.fill(0, vec / 8, vec / 8 + 8 * pairs);
      const leading = Math.min(n, SHIFT_ROWS);
      batchnorm.shiftedSums(xAt, leading, rowBytes, vec);
      batchnorm.shiftFromSums(vec, pairs, leading);
      batchnorm.shiftedSums(xAt, n, rowBytes, vec);
      if (batchnorm.meanAndVariance(vec, pairs, n, stageAt, stride) & RECENTER) {
        batchnorm.shiftedSums(xAt, n, rowBytes, vec);
        batchnorm.meanAndVariance(vec, pairs, n, stageAt, stride);
      }
      stageIn(stageAt, stride, GAMMA, gamma);
      stageIn(stageAt, stride, BETA, beta);
      stageIn(stageAt, stride, RUNNING_MEAN, runningMean);
      stageIn(stageAt, stride, RUNNING_VAR, runningVar);
      stageOut(stageAt, stride, VARIANCE, variance, d);
      if (batchnorm.trainCoefficients(vec, pairs, stageAt, stride, eps, momentum, correction) !== 0) {
        // Some lane's 1/σ is bad: find the feature (the same arithmetic), unless it was padding.
        for (let j = 0; j < d; j++) {
          const s = 1 / Math.sqrt(variance[j] + eps);
          if (s - s !== 0 || !(s > 0)) return j;
        }
      }
      stageOut(stageAt, stride, RUNNING_MEAN, runningMean, d);
      stageOut(stageAt, stride, RUNNING_VAR, runningVar, d);
      stageOut(stageAt, stride, MEAN, mean, d);
      stageOut(stageAt, stride, INV_STD, invStd, d);
      batchnorm.normalize(xAt, at(out), n, rowBytes, vec, relu ? 0 : Number.NEGATIVE_INFINITY);
      return -1;
    },
    batchnormTestForward(x, n, d, mean, invStd, gamma, beta, out, relu, work) {
      const { pairs, vec } = layout(work, d);
      const xAt = at(x);
      const rowBytes = 8 * d;
      // x enters no other sum in test mode: its per-feature sums (shift 0) show a NaN or an infinity.
      const fields = vec / 8;
      heap.fill(0, fields, fields + 8 * pairs);
      batchnorm.shiftedSums(xAt, n, rowBytes, vec);
      let check = 0;
      for (let j = 0; j < d; j++) {
        const k = fields + 8 * (j >> 1) + (j & 1);
        const sum = heap[k + 2];
        check += sum - sum;
        heap[k] = mean[j];
        heap[k + 2] = gamma[j] * invStd[j];
        heap[k + 4] = beta[j];
      }
      batchnorm.normalize(xAt, at(out), n, rowBytes, vec, relu ? 0 : Number.NEGATIVE_INFINITY);
      return check === 0;
    },
    batchnormBackward(x, dout, n, d, mean, invStd, gamma, train, dx, dgamma, dbeta, work) {
      const { pairs, vec, stageAt, stride } = layout(work, d);
      const rowBytes = 8 * d;
      const doutAt = at(dout);
      const xAt = at(x);
      stageIn(stageAt, stride, MEAN, mean);
      stageIn(stageAt, stride, INV_STD, invStd);
      stageIn(stageAt, stride, GAMMA, gamma);
      batchnorm.prepareGradientSums(vec, pairs, stageAt);
      batchnorm.gradientSums(doutAt, xAt, n, rowBytes, vec);
      const check = batchnorm.gradientCoefficients(vec, pairs, n, train ? 1 : 0, stageAt, stride);
      batchnorm.gradientInput(doutAt, xAt, at(dx), n, rowBytes, vec);
      stageOut(stageAt, stride, DBETA, dbeta, d);
      stageOut(stageAt, stride, DGAMMA, dgamma, d);
      return check === 0;
    },

    sgdUpdate(w, g, learningRate, length) {
      elementwise.sgdUpdate(at(w), at(g), learningRate, length);
    },
    adamUpdate(w, g, v, s, length, learningRate, beta1, beta2, epsilon, correction1, correction2) {
      elementwise.adamUpdate(at(w), at(g), at(v), at(s), length, learningRate, beta1, beta2, epsilon, correction1, correction2);
    },
  };
}
