import { cleanText } from '@lab/tensor';

/** How a column's cells line up. */
export type ColumnAlign = 'left' | 'right';

/** A column of {@link formatTextTable}: its header and alignment. */
export interface TextColumn {
  readonly header: string;
  readonly align: ColumnAlign;
}

/**
 * A plain-text table for the terminal: a header row, a rule of dashes, then one line per row,
 * columns padded to their widest cell and separated by two spaces, no trailing spaces; control
 * characters in cells are escaped (`cleanText`).
 * @param columns - one per column
 * @param rows - cells, one array per row, as many as there are columns
 * @returns the lines joined with `\n`, with a final newline
 */
export function formatTextTable(columns: readonly TextColumn[], textRows: readonly (readonly string[])[]): string {
  // A cell is one line, whatever it holds: a newline or an escape sequence in a name shows as `\n`, `\u001b`.
  const rows = textRows.map((row) => row.map((cell) => cleanText(cell)));
  const widths = columns.map((column, c) => Math.max(length(column.header), ...rows.map((row) => length(row[c] ?? ''))));
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, c) => {
        const cell = cells[c] ?? '';
        const padding = ' '.repeat((widths[c] ?? 0) - length(cell));
        return column.align === 'right' ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[line(columns.map((column) => column.header)), rule, ...rows.map(line)].join('\n')}\n`;
}

/** Length in code points, so `λ` counts as one column. */
function length(text: string): number {
  return [...text].length;
}
