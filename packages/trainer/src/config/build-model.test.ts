import { footballField } from '@lab/datasets';
import { binaryCrossEntropy, type Param, softmaxCrossEntropy } from '@lab/layers';
import { addL2Gradients, Dropout, l2PenaltyOfParams } from '@lab/regularizers';
import { numericGradient, RandomState, relError, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRADIENT_CHECK, SAME_FORMULA } from '../../test/tolerances';
import { buildNetwork, buildNetworkModel, COURSE_MASK_SEED, type NetworkModel } from './build-model';
import { parseRunConfig } from './run-config';
import type { ModelSpec } from './schema/model-schema';

function modelSpec(model: unknown): ModelSpec {
  return parseRunConfig({ data: { kind: 'mat' }, model, optimizer: { kind: 'gd', learningRate: 0.1 }, training: { iterations: 1 } }).model;
}

/**
 * Every param's analytic gradient against centered differences of the model's cost. A param in
 * `zero` (a bias before batch norm, which removes any shift) must have a zero gradient both ways.
 */
function worstGradientError(model: NetworkModel, x: Tensor, y: Tensor, zero: readonly string[] = []): number {
  model.setBatch(x, y);
  model.computeGradients();
  const analytic = model.params().map((p) => p.grad.clone());
  let worst = 0;
  model.params().forEach((p, k) => {
    const numeric = numericGradient(
      () => {
        model.computeGradients();
        return new Tensor(new Float64Array([model.cost()]), [1]);
      },
      p.value,
      new Tensor(new Float64Array([1]), [1]),
    );
    if (zero.includes(p.name)) {
      const largest = Math.max(...Array.from(analytic[k]?.data ?? []).map(Math.abs), ...Array.from(numeric.data).map(Math.abs));
      worst = Math.max(worst, largest > 1e-9 ? Number.POSITIVE_INFINITY : 0);
      return;
    }
    worst = Math.max(worst, relError(analytic[k] as Tensor, numeric));
  });
  return worst;
}

/**
 * The readable reference: the same network's layers run their own forward and backward, with the
 * loss from @lab/layers and the L2 term from @lab/regularizers (the course's masks reseeded by hand).
 */
function layersPass(spec: ModelSpec, seed: number, x: Tensor, y: Tensor): { cost: number; params: Param[] } {
  const { network, courseMasks } = buildNetwork(spec, x.shape[1] as number, new RandomState(seed));
  if (courseMasks) for (const layer of network.layers) if (layer instanceof Dropout) layer.rng.seed(COURSE_MASK_SEED);
  const out = network.forward(x, 'train');
  const { loss, dx } = spec.loss === 'binary-cross-entropy' ? binaryCrossEntropy(out, y) : softmaxCrossEntropy(out, y);
  const params = network.params();
  const weights = (p: Param) => /^W\d+$/.test(p.name);
  const m = x.shape[0] as number;
  const cost = loss + l2PenaltyOfParams(params, spec.l2, m, weights);
  network.backward(dx);
  addL2Gradients(params, spec.l2, m, weights);
  return { cost, params };
}

describe('buildNetworkModel: the network a config describes, compiled', () => {
  const rng = new RandomState(0);
  const x = rng.randn(6, 4);
  const classes = new Tensor(new Float64Array([0, 2, 1, 1, 0, 2]), [6]);

  it('computes the gradient of its cost: softmax cross-entropy, L2, batch norm, the course’s dropout', () => {
    const spec = modelSpec({
      layers: [
        { kind: 'linear', units: 5, init: { kind: 'he' } },
        { kind: 'batchnorm' },
        { kind: 'relu' },
        // The course's masks are reseeded at every pass: the same masks for every difference.
        { kind: 'dropout', keepProb: 0.7, masks: 'course' },
        { kind: 'linear', units: 3, init: { kind: 'xavier' } },
      ],
      loss: 'softmax-cross-entropy',
      l2: 0.3,
    });
    const model = buildNetworkModel(spec, { features: 4, rng: new RandomState(1), batchSize: 6 });
    expect(model.params().map((p) => p.name)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2']);
    expect(model.buffers().map((b) => b.name)).toEqual(['runningMean1', 'runningVar1']);
    expect(worstGradientError(model, x, classes, ['b1'])).toBeLessThan(GRADIENT_CHECK);
  });

  it('computes the gradient of its cost: layer norm, a sigmoid inside, scaled-normal weights', () => {
    const spec = modelSpec({
      layers: [
        { kind: 'linear', units: 6, init: { kind: 'scaled-normal', scale: 0.5 } },
        { kind: 'layernorm' },
        { kind: 'sigmoid' },
        { kind: 'linear', units: 3, init: { kind: 'scaled-normal', scale: 0.5 } },
      ],
      loss: 'softmax-cross-entropy',
      l2: 0.1,
    });
    const model = buildNetworkModel(spec, { features: 4, rng: new RandomState(4), batchSize: 6 });
    expect(model.params().map((p) => p.name)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2']);
    expect(worstGradientError(model, x, classes)).toBeLessThan(GRADIENT_CHECK);
  });

  it('computes the gradient of its cost: binary cross-entropy over a sigmoid, with L2', () => {
    const spec = modelSpec({
      layers: [{ kind: 'linear', units: 3, init: { kind: 'he' } }, { kind: 'relu' }, { kind: 'linear', units: 1 }, { kind: 'sigmoid' }],
      loss: 'binary-cross-entropy',
      l2: 0.7,
    });
    const model = buildNetworkModel(spec, { features: 4, rng: new RandomState(2), batchSize: 6 });
    expect(worstGradientError(model, x, new Tensor(new Float64Array([1, 0, 0, 1, 1, 0]), [6, 1]))).toBeLessThan(GRADIENT_CHECK);
  });
});

describe("the compiled model against the layers' own kernels (the readable reference)", () => {
  const data = footballField({ seed: 5 });
  const course = (dropout: readonly object[]) =>
    modelSpec({
      layers: [
        { kind: 'linear', units: 20 },
        { kind: 'relu' },
        ...dropout,
        { kind: 'linear', units: 3 },
        { kind: 'relu' },
        ...dropout,
        { kind: 'linear', units: 1 },
        { kind: 'sigmoid' },
      ],
      loss: 'binary-cross-entropy',
      l2: 0.7,
    });
  const cases: [string, ModelSpec, Tensor][] = [
    ["the course's network", course([]), data.trainY],
    ["the course's network with the course's dropout masks", course([{ kind: 'dropout', keepProb: 0.86, masks: 'course' }]), data.trainY],
    [
      'a softmax net with batch norm and layer norm',
      modelSpec({
        layers: [
          { kind: 'linear', units: 8, init: { kind: 'he' } },
          { kind: 'batchnorm' },
          { kind: 'relu' },
          { kind: 'linear', units: 6 },
          { kind: 'layernorm' },
          { kind: 'relu' },
          { kind: 'linear', units: 2, init: { kind: 'xavier' } },
        ],
        loss: 'softmax-cross-entropy',
        l2: 0.05,
      }),
      new Tensor(data.trainY.data, [data.trainY.size]),
    ],
  ];
  for (const [name, spec, y] of cases) {
    it(`${name}: the same initial weights, cost and gradients`, () => {
      const model = buildNetworkModel(spec, { features: 2, rng: new RandomState(3), batchSize: data.trainX.shape[0] as number });
      model.setBatch(data.trainX, y);
      model.computeGradients();
      const reference = layersPass(spec, 3, data.trainX, y);
      expect(Math.abs(model.cost() - reference.cost) / reference.cost).toBeLessThan(SAME_FORMULA);
      const params = model.params();
      expect(params.map((p) => p.name)).toEqual(reference.params.map((p) => p.name));
      params.forEach((p, k) => {
        const other = reference.params[k] as Param;
        expect(p.value.data, `${p.name}`).toEqual(other.value.data);
        const largest = Math.max(...Array.from(other.grad.data).map(Math.abs));
        // A bias before batch norm has a zero gradient (the normalization removes any shift): rounding noise both ways.
        if (largest < 1e-12) expect(Math.max(...Array.from(p.grad.data).map(Math.abs)), `${p.name}.grad`).toBeLessThan(1e-12);
        else expect(relError(p.grad, other.grad), `${p.name}.grad`).toBeLessThan(SAME_FORMULA);
      });
    });
  }
});
