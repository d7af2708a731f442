import { ConfigError } from '@lab/tensor';
import { mapDataFiles } from '../config/data-files';
import { loadRunData, type RunData } from '../config/load-run-data';
import { outlineOf } from '../config/model-checks';
import type { RunConfig } from '../config/run-config';
import { trainFromData } from '../config/run-from-config';
import { loadExpressionParser } from '../schedules';
import { canonicalJson } from '../sweep/canonical-json';
import { type RungReport, rungSteps } from '../sweep/trial';
import { resolveDataPath } from './data-path';
import { describeEnvironment } from './environment';
import type { RungMessage, SweepTrialInput, SweepTrialOutput } from './sweep-trial';
import type { TaskContext } from './task-context';

/** A {@link SweepTrialInput} whose config `parseRunConfig` gave (defaults in, every bound checked). */
export interface CheckedSweepTrialInput extends Omit<SweepTrialInput, 'config'> {
  readonly config: RunConfig;
}

/** Data sets loaded in this thread, by dataset settings and seed: trials of one sweep share them. */
const dataCache = new Map<string, Promise<RunData>>();
const DATA_CACHE_SIZE = 4;

/**
 * Runs one sweep trial whose run config `parseRunConfig` gave: loads its data (cached per thread),
 * trains, and reports the metrics at each rung through `context.post` (stopping at a rung once
 * `context.stopRequested()`). It loads no schema (no zod), so a thread that runs it alone starts
 * in a fraction of the time: the task of `lab sweep`'s threads, whose coordinator checked every
 * trial's config. A job from a queue goes through {@link runSweepTrial} instead.
 * @throws ConfigError / DatasetError for bad data (the sweep then ends with one line)
 */
export async function runCheckedSweepTrial(input: CheckedSweepTrialInput, context: TaskContext): Promise<SweepTrialOutput> {
  const owner = `trial ${input.id}`;
  let config = input.config;
  const written = 'path' in config.data ? config.data.path : undefined;
  const confine = input.confineData === true;
  if (confine && config.data.kind === 'mat' && config.data.path === undefined) {
    throw new ConfigError(`${owner}: data.path: a queued trial names its data file (a path inside the worker's data folder)`);
  }
  config = {
    ...config,
    data: await mapDataFiles(config.data, (path, field) => resolveDataPath(input.dataDir, path, confine, owner, `data.${field}`)),
  };
  const data = await cachedData(config, owner);
  const expressionParser = config.schedule.kind === 'expression' ? await loadExpressionParser() : undefined;
  const steps = input.rungs === undefined ? [] : rungSteps(input.rungs, plannedIterations(config, data));
  const rungs: RungReport[] = [];
  const started = performance.now();
  const record = trainFromData(config, data, {
    environment: describeEnvironment(input.packages ?? {}),
    expressionParser,
    // A sweep compares trials by their final metrics: scoring the test split along the way would
    // cost a trial up to a third more (its record's testCurve, which no sweep report reads).
    testCurve: false,
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

/** The steps the trial takes unless it stops early: `training.iterations`, or its epochs in batches. */
function plannedIterations(config: RunConfig, data: RunData): number {
  const { iterations, epochs, batchSize } = config.training;
  if (iterations !== undefined) return iterations;
  const n = data.data.trainX.shape[0];
  return (epochs ?? 0) * Math.ceil(n / Math.min(batchSize ?? n, n));
}

function cachedData(config: RunConfig, owner: string): Promise<RunData> {
  // The data spec holds the generator's seed and the loss decides the labels' layout.
  const key = canonicalJson({ data: config.data, loss: config.model.loss, outputs: outlineOf(config.model.layers).outputs });
  let data = dataCache.get(key);
  if (data === undefined) {
    data = loadRunData(config, { source: owner });
    dataCache.set(key, data);
    // A failed load is not kept: the next trial tries again (and reports the same error).
    data.catch(() => dataCache.delete(key));
    if (dataCache.size > DATA_CACHE_SIZE) dataCache.delete(dataCache.keys().next().value as string);
  }
  return data;
}
