import { RandomState, type Tensor } from '@lab/tensor';

/**
 * The course's 3-layer net LINEAR(2→20) → RELU → LINEAR(20→3) → RELU → LINEAR(3→1) →
 * SIGMOID, trained with full-batch gradient descent on the cross-entropy cost, with
 * optional L2 (λ) and inverted dropout (keepProb, fresh masks every iteration) on both
 * hidden layers. Written with plain loops in the course's (features, examples) layout so
 * it needs nothing but @lab/tensor's RandomState: it is evidence for the football
 * lesson, not the library's trainer.
 */
export interface NetConfig {
  readonly lambd: number;
  readonly keepProb: number;
  readonly learningRate?: number;
  readonly numIterations?: number;
}

export interface NetResult {
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly costAt0: number;
}

const LAYERS = [2, 20, 3, 1];

/** Trains on (trainX (m, 2), trainY (m, 1)) and reports accuracies on both splits. */
export function trainThreeLayerNet(trainX: Tensor, trainY: Tensor, testX: Tensor, testY: Tensor, config: NetConfig): NetResult {
  const { lambd, keepProb, learningRate = 0.3, numIterations = 30000 } = config;
  const init = new RandomState(3);
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 1; l < LAYERS.length; l++) {
    const weights = init.randn(LAYERS[l], LAYERS[l - 1]).data;
    for (let i = 0; i < weights.length; i++) weights[i] /= Math.sqrt(LAYERS[l - 1]);
    w.push(weights);
    b.push(new Float64Array(LAYERS[l]));
  }
  const masks = new RandomState(1);
  const m = trainX.shape[0];
  const x = transpose(trainX);
  const y = trainY.data;
  const a: Float64Array[] = LAYERS.map((units) => new Float64Array(units * m));
  a[0] = x;
  const d = LAYERS.map((units) => new Float64Array(units * m));
  const dw = w.map((weights) => new Float64Array(weights.length));
  const db = b.map((bias) => new Float64Array(bias.length));
  let costAt0 = Number.NaN;
  for (let iteration = 0; iteration < numIterations; iteration++) {
    forward(w, b, a, m, keepProb < 1 ? { rng: masks, keepProb, d } : undefined);
    if (iteration === 0) costAt0 = cost(a[3], y, w, lambd, m);
    backward(w, a, y, m, lambd, keepProb, d, dw, db);
    for (let l = 0; l < w.length; l++) {
      for (let i = 0; i < w[l].length; i++) w[l][i] -= learningRate * dw[l][i];
      for (let i = 0; i < b[l].length; i++) b[l][i] -= learningRate * db[l][i];
    }
  }
  return { trainAccuracy: accuracy(w, b, trainX, trainY), testAccuracy: accuracy(w, b, testX, testY), costAt0 };
}

function transpose(t: Tensor): Float64Array {
  const [rows, cols] = t.shape;
  const out = new Float64Array(t.size);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = t.data[i * cols + j];
  return out;
}

interface Dropout {
  readonly rng: RandomState;
  readonly keepProb: number;
  readonly d: Float64Array[];
}

function forward(w: Float64Array[], b: Float64Array[], a: Float64Array[], m: number, dropout?: Dropout): void {
  for (let l = 1; l < LAYERS.length; l++) {
    const units = LAYERS[l];
    const fanIn = LAYERS[l - 1];
    const prev = a[l - 1];
    const out = a[l];
    for (let u = 0; u < units; u++) {
      for (let j = 0; j < m; j++) {
        let z = b[l - 1][u];
        for (let k = 0; k < fanIn; k++) z += w[l - 1][u * fanIn + k] * prev[k * m + j];
        out[u * m + j] = l === LAYERS.length - 1 ? 1 / (1 + Math.exp(-z)) : Math.max(0, z);
      }
    }
    if (dropout && l < LAYERS.length - 1) {
      const mask = dropout.d[l];
      for (let i = 0; i < units * m; i++) {
        mask[i] = dropout.rng.nextDouble() < dropout.keepProb ? 1 : 0;
        out[i] = (out[i] * mask[i]) / dropout.keepProb;
      }
    }
  }
}

function cost(a3: Float64Array, y: Float64Array, w: Float64Array[], lambd: number, m: number): number {
  let sum = 0;
  for (let j = 0; j < m; j++) sum += -(y[j] * Math.log(a3[j]) + (1 - y[j]) * Math.log(1 - a3[j]));
  let squares = 0;
  for (const weights of w) for (const v of weights) squares += v * v;
  return sum / m + (lambd / (2 * m)) * squares;
}

function backward(
  w: Float64Array[],
  a: Float64Array[],
  y: Float64Array,
  m: number,
  lambd: number,
  keepProb: number,
  d: Float64Array[],
  dw: Float64Array[],
  db: Float64Array[],
): void {
  let dz = new Float64Array(m);
  for (let j = 0; j < m; j++) dz[j] = a[3][j] - y[j];
  for (let l = LAYERS.length - 1; l >= 1; l--) {
    const units = LAYERS[l];
    const fanIn = LAYERS[l - 1];
    const prev = a[l - 1];
    for (let u = 0; u < units; u++) {
      let sumDz = 0;
      for (let j = 0; j < m; j++) sumDz += dz[u * m + j];
      db[l - 1][u] = sumDz / m;
      for (let k = 0; k < fanIn; k++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += dz[u * m + j] * prev[k * m + j];
        dw[l - 1][u * fanIn + k] = s / m + (lambd / m) * w[l - 1][u * fanIn + k];
      }
    }
    if (l === 1) break;
    const dPrev = new Float64Array(fanIn * m);
    for (let k = 0; k < fanIn; k++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let u = 0; u < units; u++) s += w[l - 1][u * fanIn + k] * dz[u * m + j];
        if (keepProb < 1) s = (s * d[l - 1][k * m + j]) / keepProb;
        dPrev[k * m + j] = prev[k * m + j] > 0 ? s : 0;
      }
    }
    dz = dPrev;
  }
}

function accuracy(w: Float64Array[], b: Float64Array[], x: Tensor, y: Tensor): number {
  const m = x.shape[0];
  const a: Float64Array[] = LAYERS.map((units) => new Float64Array(units * m));
  a[0] = transpose(x);
  forward(w, b, a, m);
  let correct = 0;
  for (let j = 0; j < m; j++) if ((a[3][j] > 0.5 ? 1 : 0) === y.data[j]) correct++;
  return correct / m;
}
