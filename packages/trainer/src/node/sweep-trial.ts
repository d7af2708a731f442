import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRunConfig, type RunConfig } from '../config/run-config';
import { loadRunData, type RunData, trainFromData } from '../config/run-from-config';
import type { TrainRecord } from '../run-record';
import { loadExpressionParser } from '../schedules';
import { canonicalJson } from '../sweep/sweep-study';
import { type RungReport, type RungSchedule, rungSteps, type TrialOutcome } from '../sweep/trial';
import { resolveDataPath } from './data-path';
import { describeEnvironment } from './environment';
import type { PoolTask, TaskContext } from './task-context';

/** The input of {@link runSweepTrial}: one trial of a sweep, as JSON. */
export interface SweepTrialInput {
  /** `t0003`, for messages. */
  readonly id: string;
  /** The trial's run config (checked again here: it may come from a queue). */
  readonly config: unknown;
  readonly rungs?: RungSchedule;
  /** Relative data paths resolve here. */
  readonly dataDir: string;
  /** Refuse data paths that leave `dataDir` (a queue worker: jobs are untrusted). */
  readonly confineData?: boolean;
  /** @lab package versions for the record's environment. */
  readonly packages?: Readonly<Record<string, string>>;
}

/** What {@link runSweepTrial} gives back: the outcome and the trial's run record. */
export interface SweepTrialOutput extends TrialOutcome {
  readonly runRecord: TrainRecord;
}

/** A message a trial posts at each rung. */
export interface RungMessage {
  readonly rung: RungReport;
}

/** Data sets loaded in this thread, by dataset settings and seed: trials of one sweep share them. */
const dataCache = new Map<string, Promise<RunData>>();
const DATA_CACHE_SIZE = 4;

/**
 * Runs one sweep trial: validates the run config with `lab train`'s schema, loads its data (cached
 * per thread), trains, and reports the metrics at each rung through `context.post` (stopping at a
 * rung once `context.stopRequested()`). The pool task behind both executors.
 * @throws ConfigError / DatasetError for a bad config or data (the sweep then ends with one line)
 */
export async function runSweepTrial(input: SweepTrialInput, context: TaskContext): Promise<SweepTrialOutput> {
  const owner = `trial ${input.id}`;
  let config: RunConfig = parseRunConfig(input.config, owner);
  const written = config.dataset.kind === 'mat' ? config.dataset.path : undefined;
  if (config.dataset.kind === 'mat') {
    const path = await resolveDataPath(input.dataDir, config.dataset.path, input.confineData === true, owner);
    config = { ...config, dataset: { ...config.dataset, path } };
  }
  const data = await cachedData(config);
  const expressionParser = config.schedule?.kind === 'expression' ? await loadExpressionParser() : undefined;
  const steps = input.rungs === undefined ? [] : rungSteps(input.rungs, config.training.numIterations);
  const rungs: RungReport[] = [];
  const started = performance.now();
  const record = trainFromData(config, data, {
    environment: describeEnvironment(input.packages ?? {}),
    expressionParser,
    ...(steps.length === 0
      ? {}
      : {
          rungs: {
            steps,
            onRung: (step, metrics) => {
              const rung = { step, metrics: { ...metrics } };
              rungs.push(rung);
              context.post({ rung } satisfies RungMessage);
              return context.stopRequested();
            },
          },
        }),
  });
  const seconds = (performance.now() - started) / 1000;
  const model = record.models[0];
  return {
    metrics: { trainAccuracy: model.trainAccuracy, testAccuracy: model.testAccuracy, cost: model.finalCost },
    rungs,
    seconds,
    // The data path as the config wrote it: where this worker keeps its data is its own business.
    runRecord: written === undefined ? record : { ...record, dataset: { ...record.dataset, path: written } },
  };
}

function cachedData(config: RunConfig): Promise<RunData> {
  // Built-in sets are generated from the run's seed; files do not depend on it.
  const key = canonicalJson({ dataset: config.dataset, seed: config.dataset.kind === 'builtin' ? config.seed : null });
  let data = dataCache.get(key);
  if (data === undefined) {
    data = loadRunData(config);
    dataCache.set(key, data);
    // A failed load is not kept: the next trial tries again (and reports the same error).
    data.catch(() => dataCache.delete(key));
    if (dataCache.size > DATA_CACHE_SIZE) dataCache.delete(dataCache.keys().next().value as string);
  }
  return data;
}

/**
 * The pool task that runs {@link runSweepTrial}: this package's built `dist/node.js` (beside this
 * module once built, or in `../../dist` when it runs from `src/node` in tests).
 */
export function sweepTrialTask(): PoolTask {
  const candidates = [new URL('./node.js', import.meta.url), new URL('../../dist/node.js', import.meta.url)];
  const found = candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0];
  return { module: (found as URL).href, export: 'runSweepTrial' };
}
