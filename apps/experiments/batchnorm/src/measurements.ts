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
  const { seed } = config;
  const parts: { part: MeasurementStage; seconds: number }[] = [];
  const stage = <T>(name: MeasurementStage, body: () => T): T => {
    onStage?.(name);
    const start = now();
    const result = body();
    parts.push({ part: name, seconds: (now() - start) / 1000 });
    return result;
  };
  return {
    forwardStatistics: stage('forward statistics', () => forwardStatistics({ ...config.forwardStatistics, seed })),
    gradientChecks: stage('gradient checks', () => normalizationGradientChecks({ ...config.gradientChecks, seed })),
    backwardSpeed: stage('backward speed', () => backwardSpeed({ ...config.backwardSpeed, seed, now })),
    parts,
  };
}
