import { code, formatExact, heading, paragraph, table } from '@lab/report';
import type { RootContent } from 'mdast';
import type { InitializationRecord } from '../record';
import { type ComparisonCell, compareWithPublished } from './comparison';
import { differencesFromCourse } from './course-settings';
import { formatCostExact } from './format-cost';

function toleranceText(c: ComparisonCell): string {
  if (c.tolerance === 0 || !Number.isFinite(c.published)) return 'exact';
  return `±${c.tolerance.toExponential(0)}`;
}

function statusText(c: ComparisonCell): string {
  if (c.status === 'not comparable') return `not comparable (${(c.reasons ?? []).join('; ')})`;
  return c.status === 'match' ? '✓' : '✗';
}

function valueText(c: ComparisonCell, value: number): string {
  return c.quantity.startsWith('cost') ? formatCostExact(value) : formatExact(value);
}

/**
 * The side-by-side comparison with the published numbers, cell by cell (published, ours,
 * tolerance, ✓/✗ or `not comparable (…)` where the run's settings differ from the course's).
 */
export function comparisonSection(record: InitializationRecord, labels: readonly string[]): RootContent[] {
  const title = heading(2, 'Comparison with the published results');
  const cells = compareWithPublished(record.models, labels, differencesFromCourse(record));
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
      'Tolerances: costs to an absolute 1e-12 (they depend only on the weights and the data; +∞ must be +∞, printed ',
      code('inf'),
      ' as the course prints it); accuracies exactly. ',
      summary,
    ),
    table(
      [
        { header: 'model' },
        { header: 'quantity' },
        { header: 'published', align: 'right' },
        { header: 'ours', align: 'right' },
        { header: 'tolerance', align: 'right' },
        { header: 'match', align: 'center' },
      ],
      cells.map((c) => [
        c.model,
        c.quantity,
        valueText(c, c.published),
        c.ours === undefined ? 'not recorded' : valueText(c, c.ours),
        toleranceText(c),
        statusText(c),
      ]),
    ),
  ];
}
