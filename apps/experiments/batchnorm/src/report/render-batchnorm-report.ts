import { environmentSection, type Figure, heading, paragraph, type RenderedReport, renderFigure, root, toGfm } from '@lab/report';
import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';
import type { BatchnormRecord } from '../record';
import {
  BATCHNORM_FIGURES,
  backwardSpeedSpec,
  batchSizeSpec,
  deepMlpAccuracySpec,
  deepMlpLossSpec,
  forwardStatisticsSpec,
  gradientChecksSpec,
  weightScaleSpec,
} from './figures';
import {
  backwardSpeedSection,
  batchnormSetupSection,
  batchnormTimingsSection,
  batchSizeSection,
  conclusionsSection,
  deepMlpSection,
  forwardStatisticsSection,
  gradientChecksSection,
  weightScaleSection,
} from './sections';

/**
 * The report of `lab experiment batchnorm`: setup, the six parts (each a table, a figure and
 * the finding its numbers support), the conclusions, environment and timings. The backward
 * timings and the timings section sit between the timing markers; the rest is byte-identical
 * for a fixed record.
 * @param record - a validated batch-norm record
 * @returns the markdown and its seven figures, in report order
 */
export async function renderBatchnormReport(record: BatchnormRecord): Promise<RenderedReport> {
  const specs = [
    [BATCHNORM_FIGURES.forwardStatistics, forwardStatisticsSpec(record)],
    [BATCHNORM_FIGURES.gradientChecks, gradientChecksSpec(record, GRADIENT_CHECK_TOLERANCE)],
    [BATCHNORM_FIGURES.backwardSpeed, backwardSpeedSpec(record)],
    [BATCHNORM_FIGURES.deepMlpLoss, deepMlpLossSpec(record)],
    [BATCHNORM_FIGURES.deepMlpAccuracy, deepMlpAccuracySpec(record)],
    [BATCHNORM_FIGURES.weightScale, weightScaleSpec(record)],
    [BATCHNORM_FIGURES.batchSize, batchSizeSpec(record)],
  ] as const;
  const figures: Figure[] = [];
  for (const [fileName, spec] of specs) figures.push(await renderFigure(fileName, spec));

  const trainings = record.deepMlp.runs.length + record.weightScaleSweep.runs.length + record.batchSize.runs.length;
  const tree = root([
    heading(1, 'Batch normalization experiment'),
    paragraph(
      'Batch norm forward statistics, gradient checks of the batch- and layer-norm backwards, the speed of the two batch-norm backwards, ',
      `and ${trainings} trainings on ${record.dataset.name}: a deep MLP with and without batch norm, a weight-initialization sweep, and batch sizes with batch norm and layer norm.`,
    ),
    ...batchnormSetupSection(record),
    ...forwardStatisticsSection(record),
    ...gradientChecksSection(record),
    ...backwardSpeedSection(record),
    ...deepMlpSection(record),
    ...weightScaleSection(record),
    ...batchSizeSection(record),
    ...conclusionsSection(record),
    ...environmentSection(record.environment, record.seed),
    ...batchnormTimingsSection(record),
  ]);
  return { markdown: toGfm(tree), figures };
}
