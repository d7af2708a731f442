import type { EarlyTermination } from './sweep-config';
import type { RungSchedule } from './trial';

/** The rung schedule trials report on under an early-termination rule. */
export function rungScheduleOf(rule: EarlyTermination): RungSchedule {
  return rule.rule === 'median'
    ? { kind: 'linear', first: rule.minStep, interval: rule.interval }
    : { kind: 'geometric', first: rule.minStep, factor: rule.reductionFactor };
}

/** A metric turned so that higher is better; NaN (a diverged run) is the worst. */
export function scoreOf(value: number, goal: 'maximize' | 'minimize'): number {
  if (Number.isNaN(value)) return Number.NEGATIVE_INFINITY;
  return goal === 'maximize' ? value : -value;
}

/**
 * Whether a trial stops at a rung, given its value there and those of the earlier trials that
 * reached the same rung (`peers`). Nothing stops while fewer than `minTrials` peers exist.
 * - median rule (Golovin et al. 2017, Google Vizier): stop when the value is worse than the
 *   peers' median;
 * - ASHA (Li et al. 2020, as a stopping rule like Ray Tune's): stop unless the value is among the
 *   best ⌊n/η⌋ (at least one) of the n values at the rung, its own included.
 * @returns true to stop
 * @see https://arxiv.org/abs/1810.05934
 */
export function shouldStop(rule: EarlyTermination, own: number, peers: readonly number[]): boolean {
  if (peers.length < rule.minTrials) return false;
  const score = scoreOf(own, rule.goal);
  const scores = peers.map((v) => scoreOf(v, rule.goal)).sort((a, b) => b - a);
  if (rule.rule === 'median') {
    const n = scores.length;
    const median = n % 2 === 1 ? (scores[(n - 1) / 2] as number) : ((scores[n / 2 - 1] as number) + (scores[n / 2] as number)) / 2;
    return score < median;
  }
  const pool = [...scores, score].sort((a, b) => b - a);
  const keep = Math.max(1, Math.floor(pool.length / rule.reductionFactor));
  return score < (pool[keep - 1] as number);
}
