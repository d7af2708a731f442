import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { checkLabeledData } from '../src/check-labeled-data';
import { DatasetError } from '../src/dataset-error';
import { loadFootball, parseFootball } from '../src/football';
import { parseCsv } from '../src/parse-csv';
import { readMatFile } from '../src/read-mat-file';
import { readRegularFile } from '../src/read-regular-file';
import { compressedElement, matFile, matrixElement } from './helpers/mat-writer';

/** A football-shaped MAT file: X (3, 2), y (3, 1), Xval (2, 2), yval (2, 1); values in MATLAB's column-major order. */
function footballMat(values: { X?: number[]; y?: number[]; Xval?: number[]; yval?: number[]; valRows?: number } = {}): Uint8Array {
  const valRows = values.valRows ?? 2;
  const element = (name: string, dims: [number, number], data: number[]) => compressedElement(matrixElement({ name, dims, values: data }));
  return matFile([
    element('X', [3, 2], values.X ?? [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
    element('y', [3, 1], values.y ?? [0, 1, 1]),
    element('Xval', [valRows, 2], values.Xval ?? new Array(2 * valRows).fill(0.5)),
    element('yval', [valRows, 1], values.yval ?? new Array(valRows).fill(1)),
  ]);
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'lab-data-checks-'));

describe('a MAT file with bad data is refused at load, naming the file, the variable and the position', () => {
  it('NaN and ±Infinity in X or Xval (row, column, 1-based)', () => {
    // Column-major: index 4 of X (3, 2) is row 2, column 2.
    expect(() => parseFootball(footballMat({ X: [0.1, 0.2, 0.3, 0.4, Number.NaN, 0.6] }), 'f.mat')).toThrow(
      new DatasetError("f.mat: variable 'X': row 2, column 2: NaN, expected a finite number"),
    );
    expect(() => parseFootball(footballMat({ Xval: [0, Number.POSITIVE_INFINITY, 0, 0] }), 'f.mat')).toThrow(
      "f.mat: variable 'Xval': row 2, column 1: Infinity, expected a finite number",
    );
    expect(() => parseFootball(footballMat({ Xval: [0, 0, Number.NEGATIVE_INFINITY, 0] }), 'f.mat')).toThrow(
      "f.mat: variable 'Xval': row 1, column 2: -Infinity, expected a finite number",
    );
  });

  it('labels other than 0 and 1', () => {
    expect(() => parseFootball(footballMat({ yval: [7, 1] }), 'f.mat')).toThrow("f.mat: variable 'yval': row 1: label 7, expected 0 or 1");
    expect(() => parseFootball(footballMat({ y: [0, 1, 0.5] }), 'f.mat')).toThrow("f.mat: variable 'y': row 3: label 0.5, expected 0 or 1");
    expect(() => parseFootball(footballMat({ y: [0, Number.NaN, 1] }), 'f.mat')).toThrow(
      "f.mat: variable 'y': row 2: label NaN, expected 0 or 1",
    );
    expect(() => parseFootball(footballMat({ y: [-1, 0, 1] }), 'f.mat')).toThrow("f.mat: variable 'y': row 1: label -1, expected 0 or 1");
  });

  it('a split without rows', () => {
    expect(() => parseFootball(footballMat({ valRows: 0 }), 'f.mat')).toThrow(
      "f.mat: variable 'Xval': no rows; every split needs at least one example",
    );
  });

  it('loadFootball: the same from disk, and good data still loads', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.mat');
    writeFileSync(bad, footballMat({ X: [Number.NaN, 0, 0, 0, 0, 0] }));
    await expect(loadFootball(bad)).rejects.toThrow(`${bad}: variable 'X': row 1, column 1: NaN, expected a finite number`);
    const good = join(dir, 'good.mat');
    writeFileSync(good, footballMat());
    expect((await loadFootball(good)).trainX.toArray()).toEqual([
      [0.1, 0.4],
      [0.2, 0.5],
      [0.3, 0.6],
    ]);
  });
});

describe('checkLabeledData', () => {
  const split = (x: number[][], y: number[]) => ({
    x: new Tensor(Float64Array.from(x.flat()), [x.length, x[0]?.length ?? 0]),
    y: new Tensor(Float64Array.from(y), [y.length]),
    xName: 'training examples',
    yName: 'training labels',
  });

  it('softmax labels 0 … K−1, as the caller says', () => {
    const good = split([[1], [2], [3]], [0, 2, 1]);
    expect(() => checkLabeledData('digits', [good], { labels: { classes: 3 } })).not.toThrow();
    expect(() => checkLabeledData('digits', [good], { labels: 'binary' })).toThrow(
      'digits: training labels: row 2: label 2, expected 0 or 1',
    );
    expect(() => checkLabeledData('digits', [split([[1], [2]], [0, 3])], { labels: { classes: 3 } })).toThrow(
      'digits: training labels: row 2: label 3, expected an integer from 0 to 2',
    );
    expect(() => checkLabeledData('digits', [good], { labels: { classes: 1 } })).toThrow('labels.classes must be an integer >= 2, got 1');
  });

  it('feature counts that match the model, and rows that match', () => {
    const good = split(
      [
        [1, 2],
        [3, 4],
      ],
      [0, 1],
    );
    expect(() => checkLabeledData('moons (built-in)', [good], { features: 2 })).not.toThrow();
    expect(() => checkLabeledData('moons (built-in)', [good], { features: 3 })).toThrow(
      'moons (built-in): training examples: 2 features per row, but the model takes 3',
    );
    expect(() => checkLabeledData('s', [{ ...good, y: new Tensor(new Float64Array(3), [3]) }])).toThrow(
      's: training examples (2, 2) and training labels (3,) differ in rows',
    );
  });
});

describe('parseCsv refuses values that are not finite, and labels out of range', () => {
  it('names the file, row and column', () => {
    expect(() => parseCsv('a,b\n1,2\n3,Infinity\n', { header: true, fileName: 'f.csv' })).toThrow(
      "f.csv: row 3, column 2 ('b'): Infinity is not finite",
    );
    expect(() => parseCsv('1,1e400\n', { fileName: 'f.csv' })).toThrow('f.csv: row 1, column 2: 1e400 is not finite');
    expect(() => parseCsv('1,0\n2,7\n', { fileName: 'f.csv', labelColumn: -1, labels: 'binary' })).toThrow(
      'f.csv: row 2, column 2: label 7, expected 0 or 1',
    );
    expect(parseCsv('1,0\n2,7\n', { labelColumn: -1, labels: { classes: 8 } }).y?.toArray()).toEqual([[0], [7]]);
    expect(() => parseCsv('a,b\n', { header: true, fileName: 'f.csv' })).toThrow('f.csv: no rows after the header');
  });
});

describe('readRegularFile: only regular files under a size limit, checked before reading', () => {
  it('refuses a character device such as /dev/zero at once', async () => {
    if (process.platform === 'win32') return;
    await expect(readRegularFile('/dev/zero')).rejects.toThrow(new DatasetError('/dev/zero: not a regular file (a character device)'));
    await expect(readMatFile('/dev/zero')).rejects.toThrow('/dev/zero: not a regular file (a character device)');
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    if (process.platform === 'win32') return;
    const fifo = join(tempDir(), 'pipe.mat');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo)).rejects.toThrow(`${fifo}: not a regular file (a FIFO)`);
  });

  it('refuses a directory, a missing file and a file over the limit', async () => {
    const dir = tempDir();
    await expect(readRegularFile(dir)).rejects.toThrow(`${dir}: not a regular file (a directory)`);
    await expect(readRegularFile(join(dir, 'absent.mat'))).rejects.toThrow(`${join(dir, 'absent.mat')}: the file does not exist`);
    const big = join(dir, 'big.mat');
    writeFileSync(big, new Uint8Array(3000));
    await expect(readRegularFile(big, { maxBytes: 2048, kind: 'MAT-file' })).rejects.toThrow(
      `${big}: 2.9 KiB (3000 bytes), more than the 2.0 KiB a MAT-file may have`,
    );
    expect((await readRegularFile(big, { maxBytes: 3000 })).length).toBe(3000);
  });
});
