import { ConfigError } from '@lab/tensor';
import { canonicalJson } from './canonical-json';
import { rungScheduleOf, scoreOf, shouldStop } from './early-termination';
import type { JsonValue } from './param-path';
import { gridPoint, pointRng, randomPoint } from './sampling';
import { applyParameters, type SweepConfig } from './sweep-config';
import { tpePoint } from './tpe';
import type { RungReport, TrialOutcome, TrialResult, TrialSpec } from './trial';

/** What {@link SweepStudy.ask} answers: a trial to run, wait for results (tpe), or nothing left to plan. */
export type AskResult = { readonly kind: 'trial'; readonly trial: TrialSpec } | { readonly kind: 'wait' } | { readonly kind: 'done' };

/** A rung decision: go on, or stop the trial there. */
export type RungDecision = 'continue' | 'stop';

type PeerStatus = { readonly kind: 'value'; readonly value: number } | { readonly kind: 'absent' } | { readonly kind: 'pending' };

/**
 * The ask/tell core of a sweep. It plans trials (`ask`), takes their outcomes (`tell`) and
 * intermediate reports (`report`), decides early termination (`decide`), and says what each
 * trial's final result is (`result`); it does not know how or where trials run.
 *
 * Deterministic given the sweep config: trial i is point ⌊i / repeats⌋, repeat i mod repeats,
 * with seed `seed + repeat`; a grid enumerates its points in order; a random point draws from
 * its own generator; a TPE point is proposed from the results of the points of earlier batches
 * only (batches of `tpe.batch` points), so proposals do not depend on which trial finished first.
 * Early termination compares a trial at a rung with the *earlier* trials (lower index) at that
 * rung, and waits for them to get there; so which trials stop does not depend on the number of
 * workers either, and a late decision truncates the result the same way an early one would.
 */
export class SweepStudy {
  readonly config: SweepConfig;
  /** Points × repeats. */
  readonly totalTrials: number;
  private readonly trials: TrialSpec[] = [];
  private readonly issued = new Set<number>();
  private readonly outcomes = new Map<number, TrialOutcome>();
  private readonly live = new Map<number, RungReport[]>();
  private readonly decisions = new Map<string, RungDecision>();
  private readonly points = new Map<number, JsonValue[]>();
  private readonly idWidth: number;

  constructor(config: SweepConfig) {
    this.config = config;
    this.totalTrials = config.points * config.repeats;
    this.idWidth = Math.max(4, String(this.totalTrials - 1).length);
  }

  /**
   * The next trial to run: first any planned trial without an outcome that this session has not
   * handed out yet (after {@link restore}, the trials a crash interrupted), then the next new one.
   * `wait` when a TPE batch needs results still outstanding; `done` when every trial has been handed out.
   */
  ask(): AskResult {
    for (const trial of this.trials) {
      if (!this.issued.has(trial.index) && !this.outcomes.has(trial.index)) {
        this.issued.add(trial.index);
        return { kind: 'trial', trial };
      }
    }
    const index = this.trials.length;
    if (index >= this.totalTrials) return { kind: 'done' };
    const trial = this.plan(index);
    if (trial === undefined) return { kind: 'wait' };
    this.issued.add(index);
    return { kind: 'trial', trial };
  }

  /**
   * Re-plans trial `index` from a journal and checks it against what the journal says was run.
   * @throws ConfigError when the trial differs (the sweep config changed) or is planned out of order
   */
  restore(planned: Pick<TrialSpec, 'id' | 'index' | 'seed' | 'params'>): TrialSpec {
    if (planned.index !== this.trials.length) {
      throw new ConfigError(`journal: trial ${planned.id} is planned out of order (expected trial number ${this.trials.length})`);
    }
    if (planned.index >= this.totalTrials) {
      throw new ConfigError(`journal: trial ${planned.id} is beyond this sweep's ${this.totalTrials} trials: the sweep config has changed`);
    }
    const trial = this.plan(planned.index);
    if (trial === undefined) throw new ConfigError(`journal: trial ${planned.id} was planned before the results it depends on`);
    if (trial.id !== planned.id || trial.seed !== planned.seed || canonicalJson(trial.params) !== canonicalJson(planned.params)) {
      throw new ConfigError(
        `journal: trial ${planned.id} ran with ${canonicalJson(planned.params)} and seed ${planned.seed}, this config plans ${canonicalJson(trial.params)} and seed ${trial.seed}: the sweep config has changed`,
      );
    }
    return trial;
  }

  /** A planned trial by id. */
  trial(id: string): TrialSpec | undefined {
    const index = this.indexOf(id);
    return index === undefined ? undefined : this.trials[index];
  }

  /** Every trial planned so far, in order. */
  plannedTrials(): readonly TrialSpec[] {
    return this.trials;
  }

  /**
   * Records an intermediate report of a running trial (not kept in the journal: a trial that did
   * not finish is run again, and reports again).
   * @throws ConfigError when the early-termination metric is missing from the report
   */
  report(id: string, rung: RungReport): void {
    const index = this.requireIndex(id);
    if (this.outcomes.has(index)) return;
    this.checkRungMetric(id, rung);
    const list = this.live.get(index) ?? [];
    if (list.length === 0 || (list[list.length - 1] as RungReport).step < rung.step) list.push(rung);
    this.live.set(index, list);
  }

  /**
   * Records a trial's outcome. A second outcome for the same trial (a queue that delivered it
   * twice) is ignored.
   * @returns false when the trial already had an outcome
   * @throws ConfigError when the sweep's metric (or the early-termination metric) is not among the trial's metrics
   */
  tell(id: string, outcome: TrialOutcome): boolean {
    const index = this.requireIndex(id);
    if (this.outcomes.has(index)) return false;
    const metric = this.config.metric.name;
    if (typeof outcome.metrics[metric] !== 'number') {
      throw new ConfigError(`sweep metric "${metric}" is not among trial ${id}'s metrics (${Object.keys(outcome.metrics).join(', ')})`);
    }
    for (const rung of outcome.rungs) this.checkRungMetric(id, rung);
    this.outcomes.set(index, outcome);
    this.live.delete(index);
    return true;
  }

  /** True once the trial has an outcome. */
  isTold(id: string): boolean {
    const index = this.indexOf(id);
    return index !== undefined && this.outcomes.has(index);
  }

  /**
   * The early-termination decision for a trial at one of its rungs, or undefined while an earlier
   * trial has neither reached that rung nor ended (the decision waits for it).
   */
  decide(id: string, step: number): RungDecision | undefined {
    return this.decideAt(this.requireIndex(id), step);
  }

  /** The trial's final result, or undefined until it has an outcome and every decision on its rungs is made. */
  result(id: string): TrialResult | undefined {
    return this.resultAt(this.requireIndex(id));
  }

  /** The final results available, in trial order. */
  results(): TrialResult[] {
    const out: TrialResult[] = [];
    for (const trial of this.trials) {
      const result = this.resultAt(trial.index);
      if (result !== undefined) out.push(result);
    }
    return out;
  }

  /** True when every trial has a final result. */
  isComplete(): boolean {
    if (this.trials.length < this.totalTrials) return false;
    return this.trials.every((t) => this.resultAt(t.index) !== undefined);
  }

  /** The rungs a trial has reported so far (from its outcome once it has one). */
  rungsSoFar(id: string): readonly RungReport[] {
    return this.rungsOf(this.requireIndex(id));
  }

  /** Trials with an outcome. */
  toldCount(): number {
    return this.outcomes.size;
  }

  private plan(index: number): TrialSpec | undefined {
    if (index < this.trials.length) return this.trials[index];
    const { repeats, seed } = this.config;
    const point = Math.floor(index / repeats);
    const repeat = index % repeats;
    const values = this.pointValues(point);
    if (values === undefined) return undefined;
    const params: { [name: string]: JsonValue } = {};
    this.config.parameters.forEach((parameter, k) => {
      params[parameter.name] = values[k] as JsonValue;
    });
    const trial: TrialSpec = {
      id: `t${String(index).padStart(this.idWidth, '0')}`,
      index,
      point,
      repeat,
      seed: seed + repeat,
      params,
      config: applyParameters(this.config, values, seed + repeat),
      ...(this.config.earlyTermination === undefined ? {} : { rungs: rungScheduleOf(this.config.earlyTermination) }),
    };
    this.trials.push(trial);
    return trial;
  }

  private pointValues(point: number): JsonValue[] | undefined {
    const cached = this.points.get(point);
    if (cached !== undefined) return cached;
    const { method, parameters, seed, tpe } = this.config;
    let values: JsonValue[] | undefined;
    if (method === 'grid') values = gridPoint(parameters, point);
    else if (method === 'random' || point < tpe.startupTrials) values = randomPoint(parameters, seed, point);
    else {
      // Batch g proposes from every point before it: all of them must be final.
      const batchStart = tpe.startupTrials + Math.floor((point - tpe.startupTrials) / tpe.batch) * tpe.batch;
      const observations = [];
      for (let p = 0; p < batchStart; p++) {
        const scores: number[] = [];
        for (let r = 0; r < this.config.repeats; r++) {
          const result = this.resultAt(p * this.config.repeats + r);
          if (result === undefined) return undefined;
          scores.push(scoreOf(result.metrics[this.config.metric.name] as number, this.config.metric.goal));
        }
        observations.push({ values: this.points.get(p) as JsonValue[], score: scores.reduce((a, b) => a + b, 0) / scores.length });
      }
      values = tpePoint(parameters, observations, tpe, pointRng(seed, point));
    }
    this.points.set(point, values);
    return values;
  }

  private resultAt(index: number): TrialResult | undefined {
    const trial = this.trials[index];
    const outcome = this.outcomes.get(index);
    if (trial === undefined || outcome === undefined) return undefined;
    const base = { trial, seconds: outcome.seconds, worker: outcome.worker, record: outcome.record };
    for (const [k, rung] of outcome.rungs.entries()) {
      const decision = this.decideAt(index, rung.step);
      if (decision === undefined) return undefined;
      if (decision === 'stop') {
        return { ...base, status: 'stopped', stoppedAt: rung.step, metrics: rung.metrics, rungs: outcome.rungs.slice(0, k + 1) };
      }
    }
    return { ...base, status: 'completed', metrics: outcome.metrics, rungs: outcome.rungs };
  }

  /**
   * Decisions are cached once made. A decision at step s looks only at decisions at earlier
   * rungs (peerStatus), so the recursion is never deeper than the number of rungs.
   */
  private decideAt(index: number, step: number): RungDecision | undefined {
    const key = `${index}@${step}`;
    const cached = this.decisions.get(key);
    if (cached !== undefined) return cached;
    const rule = this.config.earlyTermination;
    if (rule === undefined) return 'continue';
    const own = this.rungsOf(index).find((r) => r.step === step);
    if (own === undefined) return undefined;
    const peers: number[] = [];
    for (let j = 0; j < index; j++) {
      const status = this.peerStatus(j, step);
      if (status.kind === 'pending') return undefined;
      if (status.kind === 'value') peers.push(status.value);
    }
    const decision: RungDecision = shouldStop(rule, own.metrics[rule.metric] as number, peers) ? 'stop' : 'continue';
    this.decisions.set(key, decision);
    return decision;
  }

  /** An earlier trial seen from a rung: its value there, absent (stopped before, or ended before), or not known yet. */
  private peerStatus(index: number, step: number): PeerStatus {
    const rungs = this.rungsOf(index);
    for (const rung of rungs) {
      if (rung.step >= step) break;
      const decision = this.decideAt(index, rung.step);
      if (decision === undefined) return { kind: 'pending' };
      if (decision === 'stop') return { kind: 'absent' };
    }
    const at = rungs.find((r) => r.step === step);
    const rule = this.config.earlyTermination;
    if (at !== undefined && rule !== undefined) return { kind: 'value', value: at.metrics[rule.metric] as number };
    return this.outcomes.has(index) ? { kind: 'absent' } : { kind: 'pending' };
  }

  private rungsOf(index: number): readonly RungReport[] {
    return this.outcomes.get(index)?.rungs ?? this.live.get(index) ?? [];
  }

  private checkRungMetric(id: string, rung: RungReport): void {
    const rule = this.config.earlyTermination;
    if (rule !== undefined && typeof rung.metrics[rule.metric] !== 'number') {
      throw new ConfigError(
        `earlyTermination.metric "${rule.metric}" is not among trial ${id}'s metrics at step ${rung.step} (${Object.keys(rung.metrics).join(', ')})`,
      );
    }
  }

  private indexOf(id: string): number | undefined {
    const match = /^t(\d+)$/.exec(id);
    if (match === null) return undefined;
    const index = Number(match[1]);
    return this.trials[index]?.id === id ? index : undefined;
  }

  private requireIndex(id: string): number {
    const index = this.indexOf(id);
    if (index === undefined) throw new ConfigError(`sweep: no trial ${JSON.stringify(id)} has been planned`);
    return index;
  }
}
