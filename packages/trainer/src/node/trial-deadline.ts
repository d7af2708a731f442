import { parseRunConfig } from '../config/run-config';

/** Examples assumed for a data file whose size is not known before it is read. */
const ASSUMED_FILE_EXAMPLES = 10_000;
/** A rate every machine beats by far (multiply-adds per second), so a slow machine is never taken for a hung one. */
const SLOW_RATE = 2e7;
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
  if (result === undefined) return FIXED_SECONDS;
  const { dataset, model, training } = result;
  let examples = ASSUMED_FILE_EXAMPLES;
  if (dataset.kind === 'builtin') examples = dataset.name === 'football' ? 211 : Math.ceil((dataset.n ?? 300) * (1 - dataset.testFraction));
  const sizes = model.layerSizes;
  let weights = 0;
  for (let l = 1; l < sizes.length; l++) weights += (sizes[l - 1] as number) * (sizes[l] as number);
  const work = 3 * examples * weights * training.numIterations;
  return FIXED_SECONDS + work / SLOW_RATE;
}

function safeParse(config: unknown): ReturnType<typeof parseRunConfig> | undefined {
  try {
    return parseRunConfig(config);
  } catch {
    return undefined;
  }
}
