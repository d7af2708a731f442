import type { RootContent } from 'mdast';
import { heading, type Inline, paragraph, table } from './markdown';

/** Whether one published number was matched, missed, or cannot be compared with this run. */
export type ComparisonStatus = 'match' | 'differs' | 'not comparable';

/** One published number against ours, as a row of {@link publishedComparisonSection}'s table. */
export interface PublishedComparisonRow {
  readonly model: string;
  /** e.g. `cost at iteration 0`, `train accuracy` */
  readonly quantity: string;
  /** The published number, as the table shows it. */
  readonly published: string;
  /** Ours, the same way; undefined when the record lacks it (the table says `not recorded`). */
  readonly ours: string | undefined;
  /** How the two are compared, e.g. `exact`, `±1e-12`. */
  readonly rule: string;
  readonly status: ComparisonStatus;
  /** With `not comparable`: the run's settings that differ from the course's, one phrase each. */
  readonly reasons?: readonly string[];
}

/** How many published numbers a run matched, of those comparable with it. */
export interface ComparisonTally {
  readonly matched: number;
  /** The comparable published numbers. */
  readonly total: number;
  /** Published numbers that the run's settings make incomparable. */
  readonly notComparable: number;
}

/** Counts matched, comparable and incomparable published numbers. */
export function comparisonTally(cells: readonly { readonly status: ComparisonStatus }[]): ComparisonTally {
  const compared = cells.filter((c) => c.status !== 'not comparable');
  return {
    matched: compared.filter((c) => c.status === 'match').length,
    total: compared.length,
    notComparable: cells.length - compared.length,
  };
}

function statusText(c: PublishedComparisonRow): string {
  if (c.status === 'not comparable') return `not comparable (${(c.reasons ?? []).join('; ')})`;
  return c.status === 'match' ? '✓' : '✗';
}

function summaryText(rows: readonly PublishedComparisonRow[]): string {
  const { matched, total, notComparable } = comparisonTally(rows);
  if (total === 0) return 'No published number is comparable with this run: its settings differ from the course’s.';
  if (matched === total)
    return `All ${total} comparable published numbers matched${notComparable > 0 ? ` (${notComparable} not comparable)` : ''}.`;
  return `${total - matched} of ${total} comparable published numbers not matched (marked ✗).`;
}

/**
 * The section `Comparison with the published results` of a course experiment: the rules, one
 * sentence tallying the comparable numbers, and a table of every published number against ours
 * (model, quantity, published, ours, rule, then ✓, ✗ or `not comparable (…)` with the reasons).
 * With no rows, one sentence: no model of the run is one of the course's.
 * @param options - `rules`: the sentence(s) saying how numbers are compared, before the tally;
 *   `ruleHeader`: the header of the rule column (`tolerance`, `rule`)
 */
export function publishedComparisonSection(
  rows: readonly PublishedComparisonRow[],
  options: { readonly rules: readonly Inline[]; readonly ruleHeader: string },
): RootContent[] {
  const title = heading(2, 'Comparison with the published results');
  if (rows.length === 0) return [title, paragraph('No model of this run is one of the course’s, so there is nothing to compare.')];
  return [
    title,
    paragraph(...options.rules, summaryText(rows)),
    table(
      [
        { header: 'model' },
        { header: 'quantity' },
        { header: 'published', align: 'right' },
        { header: 'ours', align: 'right' },
        { header: options.ruleHeader, align: 'right' },
        { header: 'match', align: 'center' },
      ],
      rows.map((c) => [c.model, c.quantity, c.published, c.ours ?? 'not recorded', c.rule, statusText(c)]),
    ),
  ];
}
