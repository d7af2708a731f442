/**
 * Test-only inputs shared by the optimizers' NumPy cross-checks (not exported by the
 * package). The expected values in the tests came from the course's update functions
 * run in NumPy 2.4 on these inputs, params `{"W": (2, 3), "b": (2, 1)}`, three steps:
 *
 * ```python
 * W = np.array([[0.5, -1.25, 2.0], [-0.75, 0.125, 3.5]]); b = np.array([[0.1], [-0.2]])
 * for t, (dW, db) in enumerate(grads, 1):   # each optimizer from the course notebook
 *     v[k] = beta1 * v[k] + (1 - beta1) * g; vc = v[k] / (1 - beta1**t)
 *     s[k] = beta2 * s[k] + (1 - beta2) * np.power(g, 2); sc = s[k] / (1 - beta2**t)
 *     p[k] = p[k] - lr * vc / (np.sqrt(sc) + eps)
 * print([repr(float(x)) for x in p["W"].ravel()])
 * ```
 */
export const NUMPY_START = {
  W: [0.5, -1.25, 2.0, -0.75, 0.125, 3.5],
  b: [0.1, -0.2],
} as const;

/** Gradients of the three steps, row-major: W (2, 3), b (2, 1). */
export const NUMPY_GRADS = [
  { W: [0.3, -0.2, 0.05, 1.5, -0.7, 0.0], b: [0.01, -0.4] },
  { W: [-0.1, 0.4, 0.25, 0.2, 0.9, -0.3], b: [0.2, 0.05] },
  { W: [0.7, -0.6, 0.15, -1.1, 0.3, 0.8], b: [-0.3, 0.6] },
] as const;
