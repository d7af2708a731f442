import type { ModelResult } from '@lab/run-record';
import { formatTextTable } from './text-table';

/**
 * The results of a run as a terminal table: model, λ, keep_prob, final cost, train and test
 * accuracy, seconds (the same columns as the report's results table).
 * @param models - the run record's models
 */
export function formatResultsTable(models: readonly ModelResult[]): string {
  return formatTextTable(
    [
      { header: 'model', align: 'left' },
      { header: 'λ', align: 'right' },
      { header: 'keep_prob', align: 'right' },
      { header: 'final cost', align: 'right' },
      { header: 'train acc', align: 'right' },
      { header: 'test acc', align: 'right' },
      { header: 'seconds', align: 'right' },
    ],
    models.map((model) => [
      model.name,
      String(model.lambd),
      String(model.keepProb),
      model.finalCost.toFixed(6),
      model.trainAccuracy.toFixed(4),
      model.testAccuracy.toFixed(4),
      model.seconds.toFixed(2),
    ]),
  );
}
