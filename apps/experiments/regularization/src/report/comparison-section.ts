import { formatExact, heading, paragraph, table } from '@lab/report';
import type { RootContent } from 'mdast';
import type { RegularizationRecord } from '../record';
import { type ComparisonCell, compareWithPublished, notComparableReasons, notComparableText, PUBLISHED_SETTINGS } from './comparison';

function toleranceText(c: ComparisonCell): string {
  return c.tolerance === 0 ? 'exact' : `±${c.tolerance.toExponential(0)}`;
}

/** The match column: ✓, ✗, or why the number cannot be compared. */
function verdict(c: ComparisonCell): string {
  if (c.notComparable.length > 0) return notComparableText(c.notComparable);
  return c.matches ? '✓' : '✗';
}

/** One sentence on how many comparable numbers matched and why the others are not comparable. */
function summaryText(cells: readonly ComparisonCell[]): string {
  const comparable = cells.filter((c) => c.notComparable.length === 0);
  const reasons = notComparableReasons(cells);
  if (comparable.length === 0) {
    const { seed, numIterations, learningRate } = PUBLISHED_SETTINGS;
    const settings = `seed ${seed}, ${numIterations} iterations and learning rate ${learningRate}`;
    return `The published numbers hold for ${settings} only; this run's are ${notComparableText(reasons)}, so none is compared.`;
  }
  const failed = comparable.filter((c) => !c.matches).length;
  const noun = comparable.length === cells.length ? 'published numbers' : 'comparable published numbers';
  const tally =
    failed === 0 ? `All ${comparable.length} ${noun} matched.` : `${failed} of ${comparable.length} ${noun} not matched (marked ✗).`;
  if (comparable.length === cells.length) return tally;
  const others = cells.length - comparable.length;
  return `${tally} The other ${others} ${others === 1 ? 'is' : 'are'} ${notComparableText(reasons)}: the published accuracies hold only for the course's settings.`;
}

/**
 * The side-by-side comparison with the published numbers, cell by cell (published, ours,
 * tolerance, ✓/✗, or `not comparable (seed 4 ≠ 3)` where the run's settings differ from those the
 * number holds for), when the data is the course's file and models carry `published`; otherwise
 * one sentence saying why there is none.
 */
export function comparisonSection(record: RegularizationRecord, labels: readonly string[]): RootContent[] {
  const title = heading(2, 'Comparison with the published results');
  if (!record.dataset.isCourseData) {
    return [title, paragraph("The data is not the course's file, so the published numbers do not apply.")];
  }
  const cells = compareWithPublished(record, labels);
  if (cells.length === 0) return [title, paragraph('The record carries no published numbers to compare with.')];
  return [
    title,
    paragraph(
      'Tolerances: the cost at iteration 0 to an absolute 1e-12 (it depends only on the initial weights and the data); accuracies exactly. ',
      summaryText(cells),
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
        verdict(c),
      ]),
    ),
  ];
}
