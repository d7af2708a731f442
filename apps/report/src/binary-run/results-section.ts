import type { ModelResult } from '@lab/run-record';
import type { RootContent, Table } from 'mdast';
import { formatExact, formatFixed, formatSignificant } from '../format-number';
import { heading, paragraph, table } from '../markdown';

/**
 * The results table: model, λ, keep_prob, final cost, train and test accuracy. Seconds
 * live in the timings section, so this table is the same on every run of a fixed record.
 */
export function resultsTable(models: readonly ModelResult[], labels: readonly string[]): Table {
  return table(
    [
      { header: 'model' },
      { header: 'λ', align: 'right' },
      { header: 'keep_prob', align: 'right' },
      { header: 'final cost', align: 'right' },
      { header: 'train accuracy', align: 'right' },
      { header: 'test accuracy', align: 'right' },
    ],
    models.map((model, m) => [
      labels[m] ?? model.name,
      formatExact(model.lambd),
      formatExact(model.keepProb),
      formatSignificant(model.finalCost, 6),
      formatFixed(model.trainAccuracy, 4),
      formatFixed(model.testAccuracy, 4),
    ]),
  );
}

/** The results section of a comparison of models: the {@link resultsTable}, then the model with the highest test accuracy. */
export function resultsSection(models: readonly ModelResult[], labels: readonly string[]): RootContent[] {
  // The first model with the highest test accuracy (ties keep record order).
  const best = models.reduce((b, model, m) => (model.testAccuracy > (models[b]?.testAccuracy ?? Number.NEGATIVE_INFINITY) ? m : b), 0);
  const bestModel = models[best];
  return [
    heading(2, 'Results'),
    resultsTable(models, labels),
    paragraph(
      bestModel === undefined
        ? 'No models.'
        : `Highest test accuracy: ${labels[best] ?? bestModel.name} (${formatFixed(bestModel.testAccuracy, 4)}). Training time per model is in the timings section.`,
    ),
  ];
}
