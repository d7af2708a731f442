import { type BatchnormExperimentConfig, type ClassificationData, logSpacedScales } from '@lab/experiment-batchnorm';
import { RandomState, Tensor } from '@lab/tensor';

/**
 * A small made-up classification set standing in for the digits: `classes` random prototypes
 * in D dimensions plus Gaussian noise, labels cycling through the classes. Deterministic.
 */
export function syntheticClasses(seed = 7, train = 40, validation = 20, features = 12, classes = 3): ClassificationData {
  const rng = new RandomState(seed);
  const prototypes = rng.randn(classes, features).data;
  const draw = (n: number) => {
    const x = rng.randn(n, features).data;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const label = i % classes;
      y[i] = label;
      for (let j = 0; j < features; j++) x[i * features + j] = (prototypes[label * features + j] ?? 0) + 0.8 * (x[i * features + j] ?? 0);
    }
    return { x: new Tensor(x, [n, features]), y: new Tensor(y, [n]) };
  };
  const t = draw(train);
  const v = draw(validation);
  return { trainX: t.x, trainY: t.y, valX: v.x, valY: v.y, numClasses: classes };
}

/** Every part of the experiment at a tiny size: a few scales, one epoch, the synthetic data. */
export const TINY_CONFIG: BatchnormExperimentConfig = {
  seed: 3,
  forwardStatistics: { n: 12, d1: 4, d2: 5, d3: 3, warmupBatches: 2 },
  gradientChecks: { n: 3, d: 4, agreementN: 6, agreementD: 5 },
  backwardSpeed: { shapes: [[4, 6]], minRepeats: 1, minMillis: 0 },
  deepMlp: { hiddenSizes: [8, 8], weightScale: 0.1, learningRate: 1e-2, batchSize: 10, numEpochs: 1, trainSize: 40, validationSize: 20 },
  weightScaleSweep: {
    hiddenSizes: [8, 8],
    scales: logSpacedScales(1e-3, 1, 4),
    learningRate: 1e-2,
    batchSize: 10,
    numEpochs: 1,
    trainSize: 30,
    validationSize: 20,
  },
  batchSize: {
    hiddenSizes: [8],
    weightScale: 0.1,
    learningRate: 1e-2,
    batchSizes: [4, 20],
    normalizations: ['none', 'batchnorm', 'layernorm'],
    numEpochs: 1,
    trainSize: 40,
    validationSize: 20,
  },
};
