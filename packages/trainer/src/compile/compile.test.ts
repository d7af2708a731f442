import { BatchNorm1d, LayerNorm } from '@lab/batchnorm';
import {
  binaryCrossEntropy,
  type Layer,
  Linear,
  type Mode,
  type Param,
  ReLU,
  Sequential,
  Sigmoid,
  Softmax,
  scaledNormalInit,
  softmaxCrossEntropy,
} from '@lab/layers';
import { addL2Gradients, Dropout, l2PenaltyOfParams } from '@lab/regularizers';
import { type BackendName, numericGradient, RandomState, StateError, Tensor, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRADIENT_CHECK, SAME_FORMULA } from '../../test/tolerances';
import { GradientDescent } from '../optimizers';
import { train } from '../train-loop';
import { compile } from './compile';

const BACKENDS: readonly BackendName[] = ['wasm', 'js'];
const isWeight = (p: Param) => p.name.startsWith('W');

/** The course's network: LINEAR(d→20) → RELU → [DROPOUT] → LINEAR(20→3) → RELU → [DROPOUT] → LINEAR(3→1) → SIGMOID. */
function courseNetwork(seed: number, keepProb?: number, d = 2): Sequential {
  const rng = new RandomState(seed);
  const dropout = () => (keepProb === undefined ? [] : [new Dropout(keepProb, rng, { drawOrder: 'course' })]);
  return new Sequential([
    new Linear(d, 20, rng),
    new ReLU(),
    ...dropout(),
    new Linear(20, 3, rng),
    new ReLU(),
    ...dropout(),
    new Linear(3, 1, rng),
    new Sigmoid(),
  ]);
}

/** CS231n's FullyConnectedNet shape: {affine → [batch norm] → relu} × L → affine, scores (N, C). */
function deepNetwork(seed: number, sizes: readonly number[], classes: number, batchnorm: boolean, keepProb?: number): Sequential {
  const rng = new RandomState(seed);
  const init = { init: (r: RandomState, o: number, i: number) => scaledNormalInit(r, o, i, 0.3) };
  const layers: Layer[] = [];
  for (let l = 1; l < sizes.length; l++) {
    layers.push(new Linear(sizes[l - 1], sizes[l], rng, init));
    if (batchnorm) layers.push(new BatchNorm1d(sizes[l]));
    layers.push(new ReLU());
    if (keepProb !== undefined) layers.push(new Dropout(keepProb, rng));
  }
  layers.push(new Linear(sizes[sizes.length - 1], classes, rng, init));
  return new Sequential(layers);
}

function binaryData(n: number, d: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new RandomState(seed);
  const x = rng.randn(n, d);
  return {
    x,
    y: new Tensor(
      Float64Array.from({ length: n }, () => (rng.nextDouble() < 0.5 ? 1 : 0)),
      [n, 1],
    ),
  };
}

function classData(n: number, d: number, classes: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new RandomState(seed);
  return {
    x: rng.randn(n, d),
    y: new Tensor(
      Float64Array.from({ length: n }, () => Math.floor(rng.nextDouble() * classes)),
      [n],
    ),
  };
}

/**
 * One training pass through the layers' own kernels (the readable reference): forward in train
 * mode, the loss from @lab/layers, backward, and @lab/regularizers' L2 on the weights.
 */
function referencePass(network: Sequential, x: Tensor, y: Tensor, loss: 'bce' | 'softmax', l2 = 0) {
  const out = network.forward(x, 'train');
  const n = x.shape[0];
  const result = loss === 'bce' ? binaryCrossEntropy(out, y.reshape(n, 1)) : softmaxCrossEntropy(out, y);
  network.backward(result.dx);
  const params = network.params();
  if (l2 > 0) addL2Gradients(params, l2, n, isWeight);
  return { params, out, cost: result.loss + (l2 > 0 ? l2PenaltyOfParams(params, l2, n, isWeight) : 0) };
}

/** The largest |a − b| over the largest |a| + |b|. */
function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]) + Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/**
 * Every grad within `tolerance` of the reference's, relative to the largest gradient of the
 * model: a bias before batch norm has a true gradient of 0, which both compute as rounding noise.
 */
function expectSameGradients(actual: Param[], expected: Param[], tolerance = SAME_FORMULA): void {
  expect(actual.map((p) => p.name)).toEqual(expected.map((p) => p.name));
  let scale = 0;
  for (const p of expected) for (const g of p.grad.data) scale = Math.max(scale, Math.abs(g));
  actual.forEach((p, i) => {
    const reference = expected[i].grad.data;
    let worst = 0;
    p.grad.data.forEach((g, k) => {
      worst = Math.max(worst, Math.abs(g - reference[k]));
    });
    expect(worst / scale, p.name).toBeLessThanOrEqual(tolerance);
  });
}

describe.each(BACKENDS)('compile (%s)', (backend) => {
  describe("the course's network (feature-major whole-layer kernels)", () => {
    for (const [l2, keepProb] of [
      [0, undefined],
      [0.7, undefined],
      [0, 0.86],
      [0.3, 0.7],
    ] as const) {
      it(`matches the layers' own kernels: cost, output and every grad (λ = ${l2}, keepProb = ${keepProb ?? 1})`, () => {
        const { x, y } = binaryData(37, 2, 4);
        const model = compile(courseNetwork(3, keepProb), { loss: 'binary-cross-entropy', batchSize: 37, l2, backend });
        expect(model.layout).toBe('feature-major');
        expect(model.backend).toBe(backend);
        model.setBatch(x, y);
        model.computeGradients();
        // The same initial weights and the same mask draws (one generator, the same order).
        const reference = referencePass(courseNetwork(3, keepProb), x, y, 'bce', l2);
        expect(Math.abs(model.cost() - reference.cost)).toBeLessThanOrEqual(SAME_FORMULA * reference.cost);
        expect(scaledError(model.lastOutput().data, reference.out.data)).toBeLessThanOrEqual(SAME_FORMULA);
        expectSameGradients(model.params(), reference.params);
      });
    }

    it('reseeds the masks at every pass with reseedDropout (the same masks every step), otherwise draws fresh ones', () => {
      const { x, y } = binaryData(12, 2, 1);
      for (const reseed of [1, undefined]) {
        const model = compile(courseNetwork(3, 0.5), { loss: 'binary-cross-entropy', batchSize: 12, backend, reseedDropout: reseed });
        model.setBatch(x, y);
        model.computeGradients();
        const first = model.lastOutput();
        model.computeGradients();
        const second = model.lastOutput();
        expect(Array.from(second.data).every((v, i) => v === first.data[i])).toBe(reseed !== undefined);
      }
      // With reseeding, the masks are those of a generator seeded with 1 before the pass.
      const model = compile(courseNetwork(3, 0.5), { loss: 'binary-cross-entropy', batchSize: 12, backend, reseedDropout: 1 });
      model.setBatch(x, y);
      model.computeGradients();
      const reference = courseNetwork(3, 0.5);
      ((reference.layers[2] as Dropout).rng as RandomState).seed(1);
      expect(scaledError(model.lastOutput().data, referencePass(reference, x, y, 'bce').out.data)).toBeLessThanOrEqual(SAME_FORMULA);
    });
  });

  describe('batch-first networks', () => {
    for (const [name, network, loss, n] of [
      ['deep MLP with batch norm, softmax', () => deepNetwork(5, [12, 10, 9, 7], 4, true), 'softmax', 13],
      ['deep MLP without batch norm, dropout, softmax', () => deepNetwork(5, [12, 10, 9, 7], 4, false, 0.8), 'softmax', 13],
      ['a wide binary net (too wide for feature-major), with L2', () => courseNetwork(2, undefined, 70), 'bce', 9],
      [
        'LayerNorm, a Softmax inside and a custom layer, each on its own kernels',
        () => {
          const rng = new RandomState(8);
          return new Sequential([
            new Linear(6, 5, rng),
            new LayerNorm(5),
            new ReLU(),
            new Doubling(),
            new Linear(5, 4, rng),
            new Softmax(),
            new Linear(4, 3, rng),
          ]);
        },
        'softmax',
        11,
      ],
      [
        'a custom layer first (its input width from options.inputSize), then batch norm alone',
        () => new Sequential([new Doubling(), new BatchNorm1d(6), new ReLU(), new Linear(6, 3, new RandomState(9))]),
        'softmax',
        7,
      ],
    ] as const) {
      it(`${name}: cost, output and every grad match the layers' own kernels`, () => {
        const net = network();
        const d = net.layers[0] instanceof Linear ? net.layers[0].inFeatures : 6;
        const { x, y } = loss === 'bce' ? binaryData(n, d, 2) : classData(n, d, outputsOf(net), 2);
        const l2 = loss === 'bce' ? 0.4 : 0;
        const model = compile(net, {
          loss: loss === 'bce' ? 'binary-cross-entropy' : 'softmax-cross-entropy',
          batchSize: n + 3,
          l2,
          backend,
          inputSize: d,
        });
        expect(model.layout).toBe('batch-first');
        model.setBatch(x, y);
        model.computeGradients();
        const reference = referencePass(network(), x, y, loss, l2);
        expect(Math.abs(model.cost() - reference.cost)).toBeLessThanOrEqual(SAME_FORMULA * reference.cost);
        expect(scaledError(model.lastOutput().data, reference.out.data)).toBeLessThanOrEqual(SAME_FORMULA);
        expectSameGradients(model.params(), reference.params);
      });
    }

    it('takes mini-batches up to batchSize, the last one smaller, with running statistics like the layers', () => {
      const net = () => deepNetwork(6, [5, 8, 6], 3, true);
      const model = compile(net(), { loss: 'softmax-cross-entropy', batchSize: 8, backend });
      const reference = net();
      for (const [n, seed] of [
        [8, 1],
        [3, 2],
        [8, 3],
      ] as const) {
        const { x, y } = classData(n, 5, 3, seed);
        model.setBatch(x, y);
        model.computeGradients();
        const expected = referencePass(reference, x, y, 'softmax');
        expectSameGradients(model.params(), expected.params);
        expect(Math.abs(model.cost() - expected.cost)).toBeLessThanOrEqual(SAME_FORMULA * expected.cost);
      }
      const bn = model.network.layers[1] as BatchNorm1d;
      const bnReference = reference.layers[1] as BatchNorm1d;
      expect(scaledError(bn.runningMean.data, bnReference.runningMean.data)).toBeLessThanOrEqual(SAME_FORMULA);
      expect(scaledError(bn.runningVar.data, bnReference.runningVar.data)).toBeLessThanOrEqual(SAME_FORMULA);
      // Test mode: the running statistics, in batches of at most batchSize rows.
      const { x } = classData(21, 5, 3, 9);
      expect(scaledError(model.scores(x).data, reference.forward(x, 'test').data)).toBeLessThanOrEqual(SAME_FORMULA);
    });
  });

  it('passes a gradient check: every param against centered differences of the cost', () => {
    for (const [network, loss, data] of [
      [() => courseNetwork(4, 0.75, 3), 'binary-cross-entropy', binaryData(9, 3, 1)],
      [() => deepNetwork(4, [3, 6, 5], 3, true), 'softmax-cross-entropy', classData(9, 3, 3, 1)],
    ] as const) {
      // With reseedDropout the masks are the same at every pass: the cost is a function of the params.
      const model = compile(network(), { loss, batchSize: 9, l2: 0.2, backend, reseedDropout: 1 });
      // Random biases: with zero biases an example sits on a ReLU kink more often.
      const biasRng = new RandomState(9);
      for (const param of model.params()) if (param.name.startsWith('b')) param.value.data.set(biasRng.randn(param.value.size).data);
      model.setBatch(data.x, data.y);
      for (const param of model.params()) {
        model.computeGradients();
        const analytic = param.grad.clone();
        const numeric = numericGradient(
          () => {
            model.computeGradients();
            return tensor([model.cost()]);
          },
          new Tensor(param.value.data, param.value.shape),
          tensor([1]),
        );
        // A bias before batch norm does not change the cost: both gradients are (rounding noise around) 0.
        const zero = Math.hypot(...analytic.data) < 1e-10 && Math.hypot(...numeric.data) < 1e-10;
        if (!zero) expect(courseDifference(analytic, numeric), param.name).toBeLessThan(GRADIENT_CHECK);
      }
    }
  });

  it("shares the layers' params: the network sees the trained weights, and a prediction leaves training alone", () => {
    const { x, y } = binaryData(30, 2, 3);
    const network = courseNetwork(3);
    const model = compile(network, { loss: 'binary-cross-entropy', batchSize: 30, backend });
    const twin = compile(courseNetwork(3), { loss: 'binary-cross-entropy', batchSize: 30, backend });
    expect(model.params().map((p) => p.value)).toEqual(network.params().map((p) => p.value));
    expect(model.params()[0].value).toBe((network.layers[0] as Linear).weight);
    for (const [m, predictBetween] of [
      [model, true],
      [twin, false],
    ] as const) {
      train({
        model: m,
        optimizer: new GradientDescent({ learningRate: 0.5 }),
        x,
        y,
        numIterations: 20,
        onProgress: predictBetween ? () => m.scores(binaryData(50, 2, 7).x) : undefined,
        progressEvery: 1,
      });
    }
    expect(Array.from(model.params()[0].value.data)).toEqual(Array.from(twin.params()[0].value.data));
    expect(scaledError(network.forward(x, 'test').data, model.scores(x).data)).toBeLessThanOrEqual(SAME_FORMULA);
    expect(model.accuracy(x, y)).toBe(twin.accuracy(x, y));
    expect(Array.from(model.predict(x).data)).toEqual(Array.from(model.scores(x).data, (p) => (p > 0.5 ? 1 : 0)));
  });
});

describe('compile: errors', () => {
  it('names bad options, a loss that does not fit the network, and calls out of order', () => {
    expect(() => compile(courseNetwork(1), { loss: 'mse' as 'binary-cross-entropy', batchSize: 4 })).toThrow(
      /loss must be 'binary-cross-entropy' or 'softmax-cross-entropy', got "mse"/,
    );
    expect(() => compile(courseNetwork(1), { loss: 'binary-cross-entropy', batchSize: 0 })).toThrow(
      /batchSize must be a positive integer, got 0/,
    );
    expect(() => compile(courseNetwork(1), { loss: 'binary-cross-entropy', batchSize: 4, l2: -1 })).toThrow(
      /l2 must be a finite number >= 0, got -1/,
    );
    expect(() => compile(deepNetwork(1, [3, 4], 2, false), { loss: 'binary-cross-entropy', batchSize: 4 })).toThrow(
      /binary-cross-entropy takes probabilities: the network must end in Sigmoid, it ends in Linear/,
    );
    const rng = new RandomState(1);
    expect(() => compile(new Sequential([new Linear(3, 2, rng), new Softmax()]), { loss: 'softmax-cross-entropy', batchSize: 4 })).toThrow(
      /remove the network's final Softmax/,
    );
    expect(() =>
      compile(new Sequential([new Linear(3, 2, rng), new Linear(4, 2, rng)]), { loss: 'softmax-cross-entropy', batchSize: 4 }),
    ).toThrow(/layer 1 \(Linear\) takes 4 features, but the layer before gives 2/);
    expect(() => compile(new Sequential([new Doubling(), new Linear(3, 2, rng)]), { loss: 'softmax-cross-entropy', batchSize: 4 })).toThrow(
      /pass options.inputSize/,
    );
    const model = compile(deepNetwork(1, [3, 4], 2, false), { loss: 'softmax-cross-entropy', batchSize: 4 });
    expect(() => model.computeGradients()).toThrow(StateError);
    expect(() => model.cost()).toThrow(/call computeGradients first/);
    const { x, y } = classData(5, 3, 2, 1);
    expect(() => model.setBatch(x, y)).toThrow(/compiled for batches of at most 4 examples, got 5/);
    expect(() => model.setBatch(tensor([[1, 2]]), tensor([0]))).toThrow(/x must have 3 features, got 2/);
    expect(() => model.setBatch(tensor([[1, 2, 3]]), tensor([2]))).toThrow(/y\[0\] = 2 is not a class index in \[0, 2\)/);
  });

  it('refuses to train once its network was compiled again (the params moved to the newer model)', () => {
    const network = courseNetwork(2);
    const first = compile(network, { loss: 'binary-cross-entropy', batchSize: 4 });
    const { x, y } = binaryData(4, 2, 1);
    first.setBatch(x, y);
    first.computeGradients();
    const second = compile(network, { loss: 'binary-cross-entropy', batchSize: 4 });
    expect(second.params()[0].value).toBe((network.layers[0] as Linear).weight);
    expect(() => first.computeGradients()).toThrow(/compiled again/);
  });
});

/** out = 2·x, no params: a layer compile does not know, so it runs on its own kernels. */
class Doubling implements Layer {
  private seen = false;

  forward(x: Tensor, _mode: Mode): Tensor {
    this.seen = true;
    return new Tensor(
      x.data.map((v) => 2 * v),
      x.shape,
    );
  }

  backward(dout: Tensor): Tensor {
    if (!this.seen) throw new StateError('Doubling.backward: call forward first');
    return new Tensor(
      dout.data.map((v) => 2 * v),
      dout.shape,
    );
  }

  params(): Param[] {
    return [];
  }
}

function outputsOf(network: Sequential): number {
  const last = network.layers[network.layers.length - 1];
  return last instanceof Linear ? last.outFeatures : 1;
}

/** The course's gradient-check measure ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), not dominated by entries near zero. */
function courseDifference(a: Tensor, b: Tensor): number {
  let diff = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.size; i++) {
    diff += (a.data[i] - b.data[i]) ** 2;
    normA += a.data[i] ** 2;
    normB += b.data[i] ** 2;
  }
  return Math.sqrt(diff) / (Math.sqrt(normA) + Math.sqrt(normB));
}
