import { publishedComparisonSection } from '@lab/report';
import type { RootContent } from 'mdast';
import type { OptimizationRecord } from '../record';
import { compareWithPublished } from './comparison';

/**
 * The side-by-side comparison with the published numbers, cell by cell (published, ours, rule,
 * ✓/✗ or `not comparable (…)` where the run's settings differ from the course's).
 */
export function comparisonSection(record: OptimizationRecord, labels: readonly string[]): RootContent[] {
  return publishedComparisonSection(compareWithPublished(record, labels), {
    rules: ['The course publishes the cost after epoch 0 as printed, with six decimals: ours must print the same. Accuracies exactly. '],
    ruleHeader: 'rule',
  });
}
