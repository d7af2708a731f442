import { code, formatCostExact, formatExact, publishedComparisonSection } from '@lab/report';
import type { RootContent } from 'mdast';
import type { InitializationRecord } from '../record';
import { type ComparisonCell, compareWithPublished } from './comparison';
import { differencesFromCourse } from './course-settings';

function toleranceText(c: ComparisonCell): string {
  if (c.tolerance === 0 || !Number.isFinite(c.published)) return 'exact';
  return `±${c.tolerance.toExponential(0)}`;
}

function valueText(c: ComparisonCell, value: number): string {
  return c.quantity.startsWith('cost') ? formatCostExact(value) : formatExact(value);
}

/**
 * The side-by-side comparison with the published numbers, cell by cell (published, ours,
 * tolerance, ✓/✗ or `not comparable (…)` where the run's settings differ from the course's).
 */
export function comparisonSection(record: InitializationRecord, labels: readonly string[]): RootContent[] {
  const cells = compareWithPublished(record.models, labels, differencesFromCourse(record));
  return publishedComparisonSection(
    cells.map((c) => ({
      ...c,
      published: valueText(c, c.published),
      ours: c.ours === undefined ? undefined : valueText(c, c.ours),
      rule: toleranceText(c),
    })),
    {
      rules: [
        'Tolerances: costs to an absolute 1e-12 (they depend only on the weights and the data; +∞ must be +∞, printed ',
        code('inf'),
        ' as the course prints it); accuracies exactly. ',
      ],
      ruleHeader: 'tolerance',
    },
  );
}
