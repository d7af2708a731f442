/** A small λ sweep on the built-in football set: 3 values × 2 seeds, 300 iterations each (today's run-config format). */
export const SMALL_SWEEP = `name: small l2
base:
  seed: 3
  dataset: { kind: builtin, name: football }
  model: { layerSizes: [2, 20, 3, 1] }
  optimizer: { kind: gd, learningRate: 0.3 }
  training: { numIterations: 300, costEvery: 100 }
parameters:
  regularization.l2: [0, 0.7, 5]
repeats: 2
metric: { name: testAccuracy, goal: maximize }
`;

/** The trials SMALL_SWEEP plans, written out by hand: λ in order, seeds 3 and 4 for each. */
export const SMALL_SWEEP_TRIALS = [0, 0.7, 5].flatMap((l2, p) =>
  [3, 4].map((seed, r) => ({ id: `t000${2 * p + r}`, point: p, params: { 'regularization.l2': l2 }, seed })),
);
