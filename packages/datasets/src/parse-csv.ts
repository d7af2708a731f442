import { ConfigError, Tensor } from '@lab/tensor';
import Papa from 'papaparse';
import { describeLabels, isLabel, type LabelRange } from './check-labeled-data';
import { DatasetError } from './dataset-error';

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** The first row holds column names (default false). */
  readonly header?: boolean;
  /** The column that holds the label: a 0-based index (negative counts from the end: -1 is the last) or, with `header`, a name. */
  readonly labelColumn?: number | string;
  /** Field delimiter (default: detected by papaparse from `,` `\t` `|` `;`). */
  readonly delimiter?: string;
  /** Names the file in error messages (default `parseCsv`). */
  readonly fileName?: string;
  /** With `labelColumn`: the labels the model can learn; every label is checked (see {@link checkLabeledData}). */
  readonly labels?: LabelRange;
}

/** What {@link parseCsv} returns. */
export interface CsvData {
  /** (N, D) the numeric columns other than the label, one row per record. */
  readonly x: Tensor;
  /** (N, 1) the label column, when `labelColumn` is given. */
  readonly y?: Tensor;
  /** The D + 1 (or D) column names from the header, or `column 1`, `column 2`, … without one. */
  readonly columns: readonly string[];
}

/**
 * Parses CSV text of numbers (papaparse does the quoting and delimiters) into tensors.
 * Blank lines are skipped; every other row must have the same number of cells, each a
 * finite number (JavaScript `Number` syntax, surrounding spaces allowed; `Infinity`, `1e400` and
 * `NaN` are refused), and there is at least one row of data.
 * @param text - the CSV file's contents
 * @returns x (N, D) and, with `labelColumn`, y (N, 1)
 * @throws DatasetError naming the file, the row (1-based, counting the header) and column of a cell that is
 *   not a finite number or (with `labels`) not a label, or of a row with the wrong number of cells, or
 *   saying there are no rows: `f.csv: row 3, column 2 ('x2'): Infinity is not finite`;
 *   ConfigError for an unknown `labelColumn`
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvData {
  const { header = false, labelColumn, delimiter, fileName = 'parseCsv', labels } = options;
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, dynamicTyping: false, delimiter });
  const problem = parsed.errors.find((error) => error.code !== 'UndetectableDelimiter');
  if (problem) throw new DatasetError(`${fileName}: row ${(problem.row ?? 0) + 1}: ${problem.message}`);
  const rows: { cells: string[]; number: number }[] = [];
  parsed.data.forEach((cells, i) => {
    if (!(cells.length === 1 && cells[0].trim() === '')) rows.push({ cells, number: i + 1 });
  });
  if (rows.length === 0) throw new DatasetError(`${fileName}: no rows`);
  const width = rows[0].cells.length;
  const columns = header ? rows[0].cells.map((name) => name.trim()) : Array.from({ length: width }, (_, i) => `column ${i + 1}`);
  const records = header ? rows.slice(1) : rows;
  const label = labelIndex(labelColumn, columns, header);

  const n = records.length;
  if (n === 0) throw new DatasetError(`${fileName}: no rows${header ? ' after the header' : ''}`);
  const d = label === undefined ? width : width - 1;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  records.forEach(({ cells, number }, i) => {
    if (cells.length !== width) throw new DatasetError(`${fileName}: row ${number} has ${cells.length} cells, expected ${width}`);
    let k = 0;
    for (let j = 0; j < width; j++) {
      const cell = cells[j].trim();
      const value = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) {
        const name = header ? ` ('${columns[j]}')` : '';
        const what = cell === '' ? 'is empty' : Number.isNaN(value) ? `${JSON.stringify(cell)} is not a number` : `${cell} is not finite`;
        throw new DatasetError(`${fileName}: row ${number}, column ${j + 1}${name}: ${what}`);
      }
      if (j === label) {
        if (labels !== undefined && !isLabel(value, labels)) {
          const name = header ? ` ('${columns[j]}')` : '';
          throw new DatasetError(`${fileName}: row ${number}, column ${j + 1}${name}: label ${value}, expected ${describeLabels(labels)}`);
        }
        y[i] = value;
        continue;
      }
      x[i * d + k++] = value;
    }
  });
  return {
    x: new Tensor(x, [n, d]),
    ...(label === undefined ? {} : { y: new Tensor(y, [n, 1]) }),
    columns,
  };
}

function labelIndex(labelColumn: number | string | undefined, columns: readonly string[], header: boolean): number | undefined {
  if (labelColumn === undefined) return undefined;
  if (typeof labelColumn === 'string') {
    if (!header) throw new ConfigError(`parseCsv: labelColumn '${labelColumn}' is a name, which needs header: true`);
    const index = columns.indexOf(labelColumn);
    if (index < 0) throw new ConfigError(`parseCsv: labelColumn '${labelColumn}' is not a column (columns: ${columns.join(', ')})`);
    return index;
  }
  const index = labelColumn < 0 ? columns.length + labelColumn : labelColumn;
  if (!Number.isInteger(labelColumn) || index < 0 || index >= columns.length) {
    throw new ConfigError(`parseCsv: labelColumn ${labelColumn} is out of range for ${columns.length} columns`);
  }
  return index;
}
