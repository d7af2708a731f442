import { backwardSpeed } from './backward-speed';
import { forwardStatistics } from './forward-statistics';
import { normalizationGradientChecks } from './gradient-checks';
import type { BatchnormExperimentConfig } from './plan';
import type { BackwardSpeed, ForwardStatistics, GradientChecks } from './record';

/** The parts of the experiment that need no data: 1–3. */
export type MeasurementStage = 'forward statistics' | 'gradient checks' | 'backward speed';

/** What parts 1–3 give, and how long each took where it ran. */
export interface Measurements {
  readonly forwardStatistics: ForwardStatistics;
  readonly gradientChecks: GradientChecks;
  readonly backwardSpeed: BackwardSpeed;
  /** Seconds per part, in the order above. */
  readonly parts: readonly { readonly part: MeasurementStage; readonly seconds: number }[];
}

/** The settings parts 1–3 read from the experiment's config. */
export type MeasurementsConfig = Pick<BatchnormExperimentConfig, 'seed' | 'forwardStatistics' | 'gradientChecks' | 'backwardSpeed'>;

/**
 * Parts 1–3 of the batch-norm experiment, one after the other: batch norm's forward statistics,
 * the gradient checks, and the backward speed (a timing). They need no data, so they can run on
 * a pool thread beside the trainings (one job: the timing then has a core of its own).
 * @param now - clock in milliseconds; default performance.now
 * @param onStage - called as each part starts
 */
export function runMeasurements(
  config: MeasurementsConfig,
  now: () => number = () => performance.now(),
  onStage?: (stage: MeasurementStage) => void,
): Measurements {
  return joinMeasurementGroups(runMeasurementGroup(config, 'checks', now, onStage), runMeasurementGroup(config, 'timing', now, onStage));
}

/**
 * Parts 1–3 in two groups that can run at the same time on two threads: `checks` (parts 1 and 2,
 * deterministic, a fifth of the time) and `timing` (part 3, the backward speed).
 */
export type MeasurementGroup = 'checks' | 'timing';

/** What {@link runMeasurementGroup} gives for each group: its parts of {@link Measurements}. */
export interface MeasurementGroups {
  readonly checks: Pick<Measurements, 'forwardStatistics' | 'gradientChecks' | 'parts'>;
  readonly timing: Pick<Measurements, 'backwardSpeed' | 'parts'>;
}

/**
 * One group of parts 1–3, as {@link runMeasurements} runs it: the same results (the timing
 * aside, which varies anyway), so that `checks` and `timing` on two threads, joined with
 * {@link joinMeasurementGroups}, give the record that {@link runMeasurements} gives.
 * @param now - clock in milliseconds; default performance.now
 * @param onStage - called as each part starts
 */
export function runMeasurementGroup<G extends MeasurementGroup>(
  config: MeasurementsConfig,
  group: G,
  now: () => number = () => performance.now(),
  onStage?: (stage: MeasurementStage) => void,
): MeasurementGroups[G] {
  const { seed } = config;
  const parts: { part: MeasurementStage; seconds: number }[] = [];
  const stage = <T>(name: MeasurementStage, body: () => T): T => {
    onStage?.(name);
    const start = now();
    const result = body();
    parts.push({ part: name, seconds: (now() - start) / 1000 });
    return result;
  };
  const result: MeasurementGroups[MeasurementGroup] =
    group === 'checks'
      ? {
          forwardStatistics: stage('forward statistics', () => forwardStatistics({ ...config.forwardStatistics, seed })),
          gradientChecks: stage('gradient checks', () => normalizationGradientChecks({ ...config.gradientChecks, seed })),
          parts,
        }
      : { backwardSpeed: stage('backward speed', () => backwardSpeed({ ...config.backwardSpeed, seed, now })), parts };
  return result as MeasurementGroups[G];
}

/** Parts 1–3 from their two groups, in the order {@link runMeasurements} gives them. */
export function joinMeasurementGroups(checks: MeasurementGroups['checks'], timing: MeasurementGroups['timing']): Measurements {
  return {
    forwardStatistics: checks.forwardStatistics,
    gradientChecks: checks.gradientChecks,
    backwardSpeed: timing.backwardSpeed,
    parts: [...checks.parts, ...timing.parts],
  };
}
