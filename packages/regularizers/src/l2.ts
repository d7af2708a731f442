import type { Param } from '@lab/layers';
import { assertSameShape, Tensor } from '@lab/tensor';
import { assertL2Config } from './internal/checks';

/** Chooses which of a model's params the L2 penalty applies to. */
export type ParamSelector = (param: Param) => boolean;

/**
 * The default {@link ParamSelector}: every param whose name does not start with `b`, i.e. the
 * weights `W1, W2, …` of a `@lab/layers` `Sequential`, but not the biases
 * `b1, b2, …` (nor a batch-norm `beta`). Pass your own selector when your names differ.
 */
export const isWeight: ParamSelector = (param) => !param.name.startsWith('b');

/**
 * L2 penalty, the course's `(1/m)·(λ/2)·Σₗ ‖Wₗ‖²` (squared Frobenius norms), to add to the loss.
 * Equivalent to PyTorch SGD `weight_decay = λ/m` and Keras `l2(λ/(2m))` per weight.
 * @param weights - the weight tensors, any shapes; pass weights only, not biases
 * @param lambd - λ ≥ 0 (the course's `lambd`)
 * @param m - number of examples the loss averages over (N)
 * @returns the penalty, a number
 * @throws ConfigError when λ is negative or not finite, or m is not a positive integer
 */
export function l2Penalty(weights: readonly Tensor[], lambd: number, m: number): number {
  assertL2Config('l2Penalty', lambd, m);
  let sum = 0;
  for (const w of weights) {
    const data = w.data;
    let s = 0;
    for (let i = 0; i < data.length; i++) s += data[i] * data[i];
    sum += s;
  }
  return (1 / m) * (lambd / 2) * sum;
}

/**
 * Gradient of {@link l2Penalty} with respect to one weight tensor: `(λ/m)·W`. Add it to the
 * loss gradient `dW` (see {@link addL2Gradients} for a whole model).
 * @param w - any shape
 * @param lambd - λ ≥ 0
 * @param m - number of examples (N)
 * @param out - optional buffer of w's shape, overwritten
 * @returns same shape as w
 * @throws ConfigError for a bad λ or m; ShapeError when out does not have w's shape
 */
export function l2Gradient(w: Tensor, lambd: number, m: number, out?: Tensor): Tensor {
  assertL2Config('l2Gradient', lambd, m);
  if (out === undefined) out = new Tensor(new Float64Array(w.size), w.shape);
  else assertSameShape('l2Gradient', out, w, 'out', 'w');
  const decay = lambd / m;
  const W = w.data;
  const O = out.data;
  for (let i = 0; i < W.length; i++) O[i] = decay * W[i];
  return out;
}

/**
 * {@link l2Penalty} over the params of a model that `select` picks (default {@link isWeight}:
 * names not starting with `b`, so biases are excluded).
 * @param params - e.g. `model.params()`
 * @throws ConfigError for a bad λ or m
 */
export function l2PenaltyOfParams(params: readonly Param[], lambd: number, m: number, select: ParamSelector = isWeight): number {
  return l2Penalty(
    params.filter(select).map((p) => p.value),
    lambd,
    m,
  );
}

/**
 * Adds `(λ/m)·W` to the grad of every param `select` picks (default {@link isWeight}), after the
 * model's `backward` has written the loss gradients.
 * @remarks Mutates `param.grad` of the selected params (in place, no allocation).
 * @param params - e.g. `model.params()`
 * @throws ConfigError for a bad λ or m
 */
export function addL2Gradients(params: readonly Param[], lambd: number, m: number, select: ParamSelector = isWeight): void {
  assertL2Config('addL2Gradients', lambd, m);
  const decay = lambd / m;
  for (const p of params) {
    if (!select(p)) continue;
    // The names are built only for the error: a template string here would allocate on every step.
    if (!sameShape(p.grad, p.value)) assertSameShape('addL2Gradients', p.grad, p.value, `${p.name}.grad`, p.name);
    const W = p.value.data;
    const G = p.grad.data;
    for (let i = 0; i < W.length; i++) G[i] += decay * W[i];
  }
}

function sameShape(a: Tensor, b: Tensor): boolean {
  if (a.shape.length !== b.shape.length) return false;
  for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false;
  return true;
}
