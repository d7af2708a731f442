import { formatExact, heading, paragraph, table } from '@lab/report';
import type { RootContent } from 'mdast';
import type { RegularizationRecord } from '../record';
import { type ComparisonCell, compareWithPublished } from './comparison';

function toleranceText(c: ComparisonCell): string {
  return c.tolerance === 0 ? 'exact' : `±${c.tolerance.toExponential(0)}`;
}

/**
 * The side-by-side comparison with the published numbers, cell by cell (published,
 * ours, tolerance, ✓/✗), when the data is the course's file and models carry
 * `published`; otherwise one sentence saying why there is none.
 */
export function comparisonSection(record: RegularizationRecord, labels: readonly string[]): RootContent[] {
  const title = heading(2, 'Comparison with the published results');
  if (!record.dataset.isCourseData) {
    return [title, paragraph("The data is not the course's file, so the published numbers do not apply.")];
  }
  const cells = compareWithPublished(record.models, labels);
  if (cells.length === 0) return [title, paragraph('The record carries no published numbers to compare with.')];
  const matched = cells.filter((c) => c.matches).length;
  const summary =
    matched === cells.length
      ? `All ${cells.length} published numbers matched.`
      : `${cells.length - matched} of ${cells.length} published numbers not matched (marked ✗).`;
  return [
    title,
    paragraph(
      'Tolerances: the cost at iteration 0 to an absolute 1e-12 (it depends only on the initial weights and the data); accuracies exactly. ',
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
        formatExact(c.published),
        c.ours === undefined ? 'not recorded' : formatExact(c.ours),
        toleranceText(c),
        c.matches ? '✓' : '✗',
      ]),
    ),
  ];
}
