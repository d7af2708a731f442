/** A small λ sweep of the course's network on the built-in football set: 3 values × 2 seeds, 300 iterations each. */
export const SMALL_SWEEP = `name: small l2
base:
  seed: 3
  data: { kind: football }
  model:
    layers:
      - { kind: linear, units: 20, init: { kind: course } }
      - { kind: relu }
      - { kind: linear, units: 3, init: { kind: course } }
      - { kind: relu }
      - { kind: linear, units: 1, init: { kind: course } }
      - { kind: sigmoid }
    loss: binary-cross-entropy
  optimizer: { kind: gd, learningRate: 0.3 }
  training: { iterations: 300, costEvery: 100 }
parameters:
  model.l2: [0, 0.7, 5]
repeats: 2
metric: { name: testAccuracy, goal: maximize }
`;

/** The trials SMALL_SWEEP plans, written out by hand: λ in order, seeds 3 and 4 for each. */
export const SMALL_SWEEP_TRIALS = [0, 0.7, 5].flatMap((l2, p) =>
  [3, 4].map((seed, r) => ({ id: `t000${2 * p + r}`, point: p, params: { 'model.l2': l2 }, seed })),
);
