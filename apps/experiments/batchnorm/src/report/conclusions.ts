import { formatFixed, formatSignificant } from '@lab/report';
import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';
import type { BackwardSpeed, BatchnormRecord, BatchnormRun, FeatureStatistics, Normalization } from '../record';
import { findRun, formatScientific, NORMALIZATION_LABELS, shapeText } from './labels';

/** A run "trains" when its best training accuracy reaches this (chance is 0.1 on ten digits). */
export const TRAINS_THRESHOLD = 0.5;

/** Accuracy differences up to this count as "no clear difference". */
export const ACCURACY_MARGIN = 0.01;

function maxOf(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), 0);
}

function stageOf(record: BatchnormRecord, name: FeatureStatistics['stage']): FeatureStatistics | undefined {
  return record.forwardStatistics.stages.find((s) => s.stage === name);
}

/** Largest |mean − β| and |std − γ|/|γ| over the features of one batch-norm stage. */
export function stageDeviations(stage: FeatureStatistics): { meanError: number; stdRelError: number } {
  const beta = stage.beta ?? stage.means.map(() => 0);
  const gamma = stage.gamma ?? stage.stds.map(() => 1);
  return {
    meanError: maxOf(stage.means.map((m, j) => Math.abs(m - (beta[j] ?? 0)))),
    stdRelError: maxOf(stage.stds.map((s, j) => Math.abs(s - (gamma[j] ?? 1)) / Math.max(Math.abs(gamma[j] ?? 1), Number.MIN_VALUE))),
  };
}

/** Part 1: what the statistics show. */
export function forwardConclusion(record: BatchnormRecord): string {
  const train = [stageOf(record, 'train'), stageOf(record, 'train-scaled')].filter((s): s is FeatureStatistics => s !== undefined);
  const test = stageOf(record, 'test');
  if (train.length === 0) return 'No training-mode statistics were recorded.';
  const meanError = maxOf(train.map((s) => stageDeviations(s).meanError));
  const stdError = maxOf(train.map((s) => stageDeviations(s).stdRelError));
  let text =
    `In training mode batch norm gives every feature the mean β (largest deviation ${formatScientific(meanError)}) ` +
    `and the standard deviation γ (largest relative deviation ${formatScientific(stdError)}, from eps in the variance).`;
  if (test !== undefined) {
    const { meanError: testMean, stdRelError: testStd } = stageDeviations(test);
    const noisier = testMean > meanError && testStd > stdError;
    text +=
      ` In test mode, after ${record.forwardStatistics.warmupBatches} warm-up batches, the running statistics give means within ` +
      `${formatSignificant(testMean, 3)} of β and standard deviations within ${formatSignificant(testStd * 100, 3)}% of γ` +
      (noisier ? ': close, but noisier than in training mode.' : '.');
  }
  return text;
}

/** Part 2: do the backwards agree with the numerical gradients and with each other? */
export function gradientConclusion(record: BatchnormRecord): string {
  const { checks, agreement } = record.gradientChecks;
  const errors = checks.flatMap((c) => (['dx', 'dgamma', 'dbeta'] as const).map((name) => ({ kernel: c.kernel, name, error: c[name] })));
  const failed = errors.filter((e) => !(e.error < GRADIENT_CHECK_TOLERANCE));
  const worst = errors.reduce((a, b) => (b.error > a.error ? b : a), errors[0] ?? { kernel: '', name: 'dx', error: 0 });
  const head =
    failed.length === 0
      ? `All ${errors.length} gradient checks pass: the largest relative error is ${formatScientific(worst.error)} (${worst.name} of ${worst.kernel}), below ${formatScientific(GRADIENT_CHECK_TOLERANCE)}.`
      : `${failed.length} of ${errors.length} gradient checks fail (relative error ≥ ${formatScientific(GRADIENT_CHECK_TOLERANCE)}): ${failed.map((f) => `${f.name} of ${f.kernel} (${formatScientific(f.error)})`).join(', ')}.`;
  const agree = Math.max(agreement.dx, agreement.dgamma, agreement.dbeta);
  return `${head} At ${shapeText(agreement.n, agreement.d)} the staged and the closed-form backward agree to ${formatScientific(agree)}.`;
}

/** Part 3: how much faster the closed form is (a measurement: it changes from run to run). */
export function speedConclusion(speed: BackwardSpeed): string {
  if (speed.timings.length === 0) return 'No timings were recorded.';
  const parts = speed.timings.map((t) => `${formatFixed(t.speedup, 1)}× at ${shapeText(t.n, t.d)}`);
  const slower = speed.timings.filter((t) => t.speedup < 1);
  const verdict =
    slower.length === 0
      ? 'The closed-form backward is faster than the staged one everywhere'
      : 'The closed-form backward is not faster everywhere';
  return `${verdict}: ${parts.join(', ')}.`;
}

function lastEpoch(run: BatchnormRun) {
  return run.epochs[run.epochs.length - 1];
}

/** Part 4: did batch norm help the deep MLP? */
export function deepMlpConclusion(record: BatchnormRecord): string {
  const runs = record.deepMlp.runs;
  const base = findRun(runs, 'none');
  const bn = findRun(runs, 'batchnorm');
  if (base === undefined || bn === undefined) return 'The deep MLP was not trained both with and without batch norm.';
  const diff = bn.bestValAccuracy - base.bestValAccuracy;
  const verdict =
    diff > ACCURACY_MARGIN ? 'batch norm helped' : diff < -ACCURACY_MARGIN ? 'batch norm hurt' : 'batch norm made no clear difference';
  let text =
    `With batch norm the deep MLP reached a best validation accuracy of ${formatFixed(bn.bestValAccuracy, 3)} against ` +
    `${formatFixed(base.bestValAccuracy, 3)} without (${diff >= 0 ? '+' : ''}${formatFixed(diff, 3)}), and a final training loss of ` +
    `${formatLoss(bn.finalTrainLoss)} against ${formatLoss(base.finalTrainLoss)}: ${verdict}.`;
  const catchUp = bn.epochs.find((e) => e.epoch > 0 && e.valAccuracy >= base.bestValAccuracy);
  if (diff > ACCURACY_MARGIN && catchUp !== undefined) {
    text += ` It matched the baseline's best validation accuracy after ${catchUp.epoch} of ${lastEpoch(bn)?.epoch ?? catchUp.epoch} epochs.`;
  }
  return text;
}

export function formatLoss(loss: number | null): string {
  return loss === null ? 'n/a' : formatSignificant(loss, 3);
}

/** Maximal runs of consecutive indices, as `a–b` scale ranges (or single scales). */
function scaleRanges(scales: readonly number[], ok: readonly boolean[]): string[] {
  const ranges: string[] = [];
  let start = -1;
  for (let k = 0; k <= scales.length; k++) {
    if (k < scales.length && ok[k] === true) {
      if (start < 0) start = k;
    } else if (start >= 0) {
      const a = scales[start] ?? 0;
      const b = scales[k - 1] ?? 0;
      ranges.push(start === k - 1 ? formatScientific(a) : `${formatScientific(a)} to ${formatScientific(b)}`);
      start = -1;
    }
  }
  return ranges;
}

/** The scales at which each normalization trains, in sweep order. */
export function trainingScales(record: BatchnormRecord, normalization: Normalization): { scales: number[]; trains: boolean[] } {
  const scales = record.weightScaleSweep.settings.scales;
  const trains = scales.map((scale) => {
    const run = record.weightScaleSweep.runs.find((r) => r.job.normalization === normalization && r.job.weightScale === scale);
    return run !== undefined && run.diverged === null && run.bestTrainAccuracy >= TRAINS_THRESHOLD;
  });
  return { scales: [...scales], trains };
}

/** Part 5: over which weight scales does each network train? */
export function weightScaleConclusion(record: BatchnormRecord): string {
  const total = record.weightScaleSweep.settings.scales.length;
  const describe = (normalization: Normalization): { count: number; text: string } => {
    const { scales, trains } = trainingScales(record, normalization);
    const count = trains.filter(Boolean).length;
    const ranges = scaleRanges(scales, trains);
    return { count, text: `${count} of ${total} scales train${count === 0 ? '' : ` (${ranges.join('; ')})`}` };
  };
  const base = describe('none');
  const bn = describe('batchnorm');
  const verdict =
    bn.count > base.count
      ? `batch norm lets ${bn.count - base.count} more of the scales train`
      : bn.count === base.count
        ? 'batch norm does not change how many scales train'
        : `batch norm lets ${base.count - bn.count} fewer of the scales train`;
  return (
    `Counting a run as trained when its best training accuracy reaches ${TRAINS_THRESHOLD}: without batch norm ${base.text}; ` +
    `with batch norm ${bn.text}. So ${verdict}.`
  );
}

/** Part 6: how does each normalization fare at the smallest batch size against the largest? */
export function batchSizeConclusion(record: BatchnormRecord): string {
  const { batchSizes, normalizations } = record.batchSize.settings;
  const small = Math.min(...batchSizes);
  const large = Math.max(...batchSizes);
  const drops = new Map<Normalization, number>();
  const parts: string[] = [];
  for (const normalization of normalizations) {
    const a = findRun(record.batchSize.runs, normalization, small);
    const b = findRun(record.batchSize.runs, normalization, large);
    if (a === undefined || b === undefined) continue;
    drops.set(normalization, b.bestValAccuracy - a.bestValAccuracy);
    parts.push(
      `${NORMALIZATION_LABELS[normalization]} ${formatFixed(b.bestValAccuracy, 3)} at batch ${large} and ${formatFixed(a.bestValAccuracy, 3)} at batch ${small}`,
    );
  }
  if (parts.length === 0 || small === large) return 'Too few batch sizes were run to compare.';
  let text = `Best validation accuracy: ${parts.join('; ')}.`;
  const bnDrop = drops.get('batchnorm');
  const lnDrop = drops.get('layernorm');
  if (bnDrop !== undefined && lnDrop !== undefined) {
    const lossText = (drop: number) => (drop > 0 ? `loses ${formatFixed(drop, 3)}` : `gains ${formatFixed(-drop, 3)}`);
    const verdict =
      bnDrop > lnDrop + ACCURACY_MARGIN
        ? 'batch norm degrades more at small batches than layer norm, whose statistics do not depend on the batch'
        : lnDrop > bnDrop + ACCURACY_MARGIN
          ? 'layer norm degrades more at small batches than batch norm here'
          : 'batch norm and layer norm degrade about equally at small batches here';
    text += ` Going from batch ${large} to ${small}, batch norm ${lossText(bnDrop)} and layer norm ${lossText(lnDrop)}: ${verdict}.`;
  }
  const bnSmall = findRun(record.batchSize.runs, 'batchnorm', small);
  const lnSmall = findRun(record.batchSize.runs, 'layernorm', small);
  if (bnSmall !== undefined && lnSmall !== undefined) {
    const gap = lnSmall.bestValAccuracy - bnSmall.bestValAccuracy;
    text += ` At batch ${small}, layer norm is ${gap >= 0 ? 'ahead of' : 'behind'} batch norm by ${formatFixed(Math.abs(gap), 3)}.`;
  }
  return text;
}

/**
 * The conclusions the numbers of a batch-norm record support, one sentence group per part,
 * computed from the record (nothing pre-written but the wording). Part 3's, a measurement,
 * is left out: see {@link speedConclusion}.
 */
export function batchnormConclusions(record: BatchnormRecord): string[] {
  return [
    forwardConclusion(record),
    gradientConclusion(record),
    deepMlpConclusion(record),
    weightScaleConclusion(record),
    batchSizeConclusion(record),
  ];
}
