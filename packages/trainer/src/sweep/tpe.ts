import type { RandomState } from '@lab/tensor';
import type { JsonValue } from './param-path';
import type { ParameterDomain, SweepParameter } from './sweep-config';

/** A finished point: its values (one per parameter) and its score, higher is better. */
export interface TpeObservation {
  readonly values: readonly JsonValue[];
  /** The metric turned so that higher is better (negated when minimizing); NaN counts as worst. */
  readonly score: number;
}

/** Settings of {@link tpePoint}. */
export interface TpeSettings {
  readonly candidates: number;
  readonly gamma: number;
}

/**
 * One point proposed by the Tree-structured Parzen Estimator (Bergstra et al. 2011), univariate
 * like Hyperopt's and Optuna's default: the observations are split into the best ⌈γ·n⌉ ("good")
 * and the rest; for each parameter, `candidates` values are drawn from the good values' density
 * l(x) and the one with the largest l(x)/g(x) is kept, g being the density of the rest.
 *
 * Densities: for ranges, a mixture of Gaussians truncated to the range, one at each observed value
 * (in log space for log ranges) plus a wide prior at the centre, each Gaussian as wide as the
 * larger gap to its neighbours (clipped between range/min(100, n + 1) and the range); for lists,
 * counts plus one per value.
 * @param rng - the point's own generator, so the proposal depends only on the observations and the point
 * @see https://papers.nips.cc/paper/4443-algorithms-for-hyper-parameter-optimization
 */
export function tpePoint(
  parameters: readonly SweepParameter[],
  observations: readonly TpeObservation[],
  settings: TpeSettings,
  rng: RandomState,
): JsonValue[] {
  const ranked = [...observations].sort((a, b) => scoreOf(b) - scoreOf(a));
  const nGood = Math.max(1, Math.ceil(settings.gamma * ranked.length));
  const good = ranked.slice(0, nGood);
  const bad = ranked.slice(nGood);
  return parameters.map((parameter, k) => {
    const domain = parameter.domain;
    const goodValues = good.map((o) => o.values[k] as JsonValue);
    const badValues = bad.map((o) => o.values[k] as JsonValue);
    return domain.kind === 'values'
      ? proposeCategorical(domain.values, goodValues, badValues, settings.candidates, rng)
      : proposeNumeric(domain, goodValues as number[], badValues as number[], settings.candidates, rng);
  });
}

function scoreOf(o: TpeObservation): number {
  return Number.isNaN(o.score) ? Number.NEGATIVE_INFINITY : o.score;
}

function proposeCategorical(
  values: readonly JsonValue[],
  good: readonly JsonValue[],
  bad: readonly JsonValue[],
  candidates: number,
  rng: RandomState,
): JsonValue {
  const keys = values.map((v) => JSON.stringify(v));
  const weights = (chosen: readonly JsonValue[]): number[] => {
    const w = keys.map(() => 1);
    for (const v of chosen) {
      const i = keys.indexOf(JSON.stringify(v));
      if (i >= 0) w[i] = (w[i] as number) + 1;
    }
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / total);
  };
  const l = weights(good);
  const g = weights(bad);
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < candidates; c++) {
    let u = rng.nextDouble();
    let i = 0;
    while (i < l.length - 1 && u >= (l[i] as number)) u -= l[i++] as number;
    const score = Math.log(l[i] as number) - Math.log(g[i] as number);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return values[best] as JsonValue;
}

interface Mixture {
  readonly means: readonly number[];
  readonly sigmas: readonly number[];
}

function proposeNumeric(
  domain: Extract<ParameterDomain, { kind: 'uniform' | 'integer' }>,
  good: readonly number[],
  bad: readonly number[],
  candidates: number,
  rng: RandomState,
): number {
  // Integers are modelled on [min, max + 1) and floored, so each integer owns a unit interval.
  const top = domain.kind === 'integer' ? domain.max + 1 : domain.max;
  const low = domain.log ? Math.log(domain.min) : domain.min;
  const high = domain.log ? Math.log(top) : top;
  const toSpace = (x: number): number => {
    const y = domain.kind === 'integer' ? x + 0.5 : x;
    return domain.log ? Math.log(y) : y;
  };
  const l = mixture(good.map(toSpace), low, high);
  const g = mixture(bad.map(toSpace), low, high);
  let best = Number.NaN;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < candidates; c++) {
    const t = sampleMixture(l, low, high, rng);
    const score = logDensity(l, low, high, t) - logDensity(g, low, high, t);
    if (score > bestScore) {
      bestScore = score;
      best = t;
    }
  }
  const x = domain.log ? Math.exp(best) : best;
  if (domain.kind === 'integer') return Math.min(domain.max, Math.max(domain.min, Math.floor(x)));
  return Math.min(domain.max, Math.max(domain.min, x));
}

/** A Parzen mixture over [low, high]: one Gaussian per point plus a prior as wide as the range at its centre. */
function mixture(points: readonly number[], low: number, high: number): Mixture {
  const range = high - low;
  const means = [...points, (low + high) / 2];
  const order = points.map((_, i) => i).sort((a, b) => (points[a] as number) - (points[b] as number));
  const sigmas = new Array<number>(points.length + 1);
  const minSigma = range / Math.min(100, points.length + 1);
  for (let r = 0; r < order.length; r++) {
    const i = order[r] as number;
    const x = points[i] as number;
    const left = r === 0 ? x - low : x - (points[order[r - 1] as number] as number);
    const right = r === order.length - 1 ? high - x : (points[order[r + 1] as number] as number) - x;
    sigmas[i] = Math.min(range, Math.max(minSigma, left, right));
  }
  sigmas[points.length] = range;
  return { means, sigmas };
}

function sampleMixture(m: Mixture, low: number, high: number, rng: RandomState): number {
  const k = Math.min(m.means.length - 1, Math.floor(rng.nextDouble() * m.means.length));
  const mean = m.means[k] as number;
  const sigma = m.sigmas[k] as number;
  // Rejection keeps the truncated Gaussian exact; the prior and clipped widths make acceptance likely.
  for (let attempt = 0; attempt < 100; attempt++) {
    const t = mean + sigma * rng.nextGaussian();
    if (t >= low && t < high) return t;
  }
  return Math.min(high, Math.max(low, mean));
}

function logDensity(m: Mixture, low: number, high: number, t: number): number {
  let p = 0;
  for (let k = 0; k < m.means.length; k++) {
    const mean = m.means[k] as number;
    const sigma = m.sigmas[k] as number;
    const mass = normalCdf((high - mean) / sigma) - normalCdf((low - mean) / sigma);
    const z = (t - mean) / sigma;
    p += Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
  }
  return Math.log(p / m.means.length);
}

/** Φ(z), the standard normal CDF, through the Numerical Recipes approximation of erfc (relative error < 1.2e-7: plenty for ranking candidates). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
