import { heading, paragraph, table } from '@lab/report';
import type { RootContent } from 'mdast';
import type { OptimizationRecord } from '../record';
import { type ComparisonCell, compareWithPublished } from './comparison';

function statusText(c: ComparisonCell): string {
  if (c.status === 'not comparable') return `not comparable (${(c.reasons ?? []).join('; ')})`;
  return c.status === 'match' ? '✓' : '✗';
}

/**
 * The side-by-side comparison with the published numbers, cell by cell (published, ours, rule,
 * ✓/✗ or `not comparable (…)` where the run's settings differ from the course's).
 */
export function comparisonSection(record: OptimizationRecord, labels: readonly string[]): RootContent[] {
  const title = heading(2, 'Comparison with the published results');
  const cells = compareWithPublished(record, labels);
  if (cells.length === 0) return [title, paragraph('No model of this run is one of the course’s, so there is nothing to compare.')];
  const compared = cells.filter((c) => c.status !== 'not comparable');
  const matched = compared.filter((c) => c.status === 'match').length;
  const summary =
    compared.length === 0
      ? 'No published number is comparable with this run: its settings differ from the course’s.'
      : matched === compared.length
        ? `All ${compared.length} comparable published numbers matched${compared.length < cells.length ? ` (${cells.length - compared.length} not comparable)` : ''}.`
        : `${compared.length - matched} of ${compared.length} comparable published numbers not matched (marked ✗).`;
  return [
    title,
    paragraph(
      'The course publishes the cost after epoch 0 as printed, with six decimals: ours must print the same. Accuracies exactly. ',
      summary,
    ),
    table(
      [
        { header: 'model' },
        { header: 'quantity' },
        { header: 'published', align: 'right' },
        { header: 'ours', align: 'right' },
        { header: 'rule', align: 'right' },
        { header: 'match', align: 'center' },
      ],
      cells.map((c) => [c.model, c.quantity, c.published, c.ours ?? 'not recorded', c.rule, statusText(c)]),
    ),
  ];
}
