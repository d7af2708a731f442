/**
 * A run config (YAML) that trains in a fraction of a second: a 2 → 8 → 1 network on 200 built-in
 * moons, full-batch gradient descent. For tests of what a command writes, not of what it learns.
 * @param options - `iterations` (default 100; a cost every 20)
 */
export function smallMoonsRun(options: { readonly iterations?: number } = {}): string {
  return `name: small moons
seed: 1
data: { kind: moons, n: 200 }
model:
  layers:
    - { kind: linear, units: 8, init: { kind: he } }
    - { kind: relu }
    - { kind: linear, units: 1, init: { kind: he } }
    - { kind: sigmoid }
  loss: binary-cross-entropy
optimizer: { kind: gd, learningRate: 0.5 }
training: { iterations: ${options.iterations ?? 100}, costEvery: 20 }
`;
}

/**
 * A sweep config (YAML) of {@link smallMoonsRun} over λ = 0 and 1, maximizing test accuracy: two
 * points, `repeats` seeds each (default 1).
 */
export function smallMoonsSweep(options: { readonly iterations?: number; readonly repeats?: number } = {}): string {
  const base = smallMoonsRun(options).trimEnd().replace(/^/gm, '  ');
  return `name: small moons sweep
base:
${base}
parameters:
  model.l2: [0, 1]
repeats: ${options.repeats ?? 1}
metric: { name: testAccuracy, goal: maximize }
`;
}
