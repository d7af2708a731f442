import type { RootContent } from 'mdast';
import { formatFixed } from './format-number';
import { heading, html, paragraph, table } from './markdown';
import { TIMINGS_END, TIMINGS_START } from './timings';

/** What the timings section shows: seconds per item (model, run…), the total, and when the record was made. */
export interface Timings {
  readonly rows: readonly { readonly label: string; readonly seconds: number }[];
  readonly totalSeconds: number;
  readonly createdAt: string;
}

/**
 * The timings section, the only part of a report that differs between two runs of
 * the same experiment: everything after the heading sits between {@link TIMINGS_START}
 * and {@link TIMINGS_END}.
 */
export function timingsSection({ rows, totalSeconds, createdAt }: Timings): RootContent[] {
  return [
    heading(2, 'Timings'),
    html(TIMINGS_START),
    table(
      [{ header: 'model' }, { header: 'seconds', align: 'right' }],
      rows.map(({ label, seconds }) => [label, formatFixed(seconds, 2)]),
    ),
    paragraph(`Total: ${formatFixed(totalSeconds, 2)} s. Record created ${createdAt}.`),
    html(TIMINGS_END),
  ];
}
