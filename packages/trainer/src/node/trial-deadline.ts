import { knownDataShape } from '../config/data-shape';
import { countParameters } from '../config/model-checks';
import { parseRunConfig, type RunConfig } from '../config/run-config';

/** Examples assumed for a data file whose size is not known before it is read. */
const ASSUMED_FILE_EXAMPLES = 10_000;
/** A rate every machine beats by far (multiply-adds per second), so a slow machine is never taken for a hung one. */
const SLOW_RATE = 2e7;
/** Features assumed for a data file whose width is not known before it is read. */
const ASSUMED_FILE_FEATURES = 1000;
/** Time for starting a thread, loading data and modules. */
const FIXED_SECONDS = 60;

/**
 * How long a trial may take before its worker counts as hung: a minute plus its work
 * (forward and backward multiply-adds over the training set, every iteration, about
 * 3 · N · Σ inᵢ·outᵢ) at a rate far below any machine's. Generous on purpose: it exists to end a
 * sweep whose worker stopped answering, not to judge speed.
 * @param config - a run config (JSON); an invalid one gets the fixed minute (it fails fast anyway)
 */
export function trialDeadlineSeconds(config: unknown): number {
  const result = safeParse(config);
  return result === undefined ? FIXED_SECONDS : runDeadlineSeconds(result);
}

/** {@link trialDeadlineSeconds} of a config `parseRunConfig` gave. */
export function runDeadlineSeconds(config: RunConfig): number {
  const { data, model, training } = config;
  const examples = trainingExamples(data);
  const weights = countParameters(model.layers, knownDataShape(data)?.features ?? ASSUMED_FILE_FEATURES);
  // Epochs: every example passes forward and backward once per epoch, whatever the batch size.
  const passes = training.iterations ?? (training.epochs ?? 0) * Math.ceil(examples / Math.min(training.batchSize ?? examples, examples));
  const work = 3 * examples * weights * passes;
  return FIXED_SECONDS + work / SLOW_RATE;
}

function safeParse(config: unknown): ReturnType<typeof parseRunConfig> | undefined {
  try {
    return parseRunConfig(config);
  } catch {
    return undefined;
  }
}

/** Training examples of a data spec: what its generator makes less the test share, or an assumption for files. */
function trainingExamples(data: RunConfig['data']): number {
  switch (data.kind) {
    case 'football':
    case 'mnist':
      return data.trainSize;
    case 'spiral':
      return Math.ceil(data.pointsPerClass * data.classes * (1 - data.testFraction));
    case 'moons':
    case 'circles':
      return data.test === undefined ? Math.ceil(data.n * (1 - (data.testFraction ?? 0.3))) : data.n;
    case 'blobs':
    case 'planar-flower':
      return Math.ceil(data.n * (1 - data.testFraction));
    default:
      return ASSUMED_FILE_EXAMPLES;
  }
}
