import { ConfigError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { parseCsv } from './parse-csv';

describe('parseCsv', () => {
  it('parses numbers, with a header and a label column by name', () => {
    const { x, y, columns } = parseCsv('a,b,label\n1,2.5,0\n-3,4e-1,1\n\n', { header: true, labelColumn: 'label' });
    expect(columns).toEqual(['a', 'b', 'label']);
    expect(x.toArray()).toEqual([
      [1, 2.5],
      [-3, 0.4],
    ]);
    expect(y?.toArray()).toEqual([[0], [1]]);
  });

  it('takes a label column by index (negative from the end), quoted cells and other delimiters', () => {
    const { x, y } = parseCsv('1;"2";7\n3;4;8\n', { labelColumn: 0 });
    expect(x.toArray()).toEqual([
      [2, 7],
      [4, 8],
    ]);
    expect(y?.toArray()).toEqual([[1], [3]]);
    expect(parseCsv('1\t2\n3\t4', { labelColumn: -1 }).y?.toArray()).toEqual([[2], [4]]);
    expect(parseCsv('1,2\n3,4').y).toBeUndefined();
  });

  it('names the row and column of a cell that is not a number', () => {
    expect(() => parseCsv('x,y\n1,2\n3,abc\n', { header: true })).toThrow(DatasetError);
    expect(() => parseCsv('x,y\n1,2\n3,abc\n', { header: true })).toThrow(`parseCsv: row 3, column 2 ('y'): "abc" is not a number`);
    expect(() => parseCsv('1,2\n,4\n')).toThrow('parseCsv: row 2, column 1: is empty');
    expect(() => parseCsv('1,2\n3\n')).toThrow('parseCsv: row 2 has 1 cells, expected 2');
  });

  it('rejects unknown label columns and empty input', () => {
    expect(() => parseCsv('a,b\n1,2', { labelColumn: 'c', header: true })).toThrow(ConfigError);
    expect(() => parseCsv('1,2', { labelColumn: 'a' })).toThrow("parseCsv: labelColumn 'a' is a name, which needs header: true");
    expect(() => parseCsv('1,2', { labelColumn: 2 })).toThrow('parseCsv: labelColumn 2 is out of range for 2 columns');
    expect(() => parseCsv('\n')).toThrow('parseCsv: no rows');
  });
});
