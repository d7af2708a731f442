import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLabError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import { DatasetError } from '../src/dataset-error';
import { loadFootball, parseFootball } from '../src/football';
import { parseMat } from '../src/parse-mat';
import { readMatFile } from '../src/read-mat-file';
import { CLASS, compressedElement, matFile, matrixElement, TYPE } from './helpers/mat-writer';

/** A few values read independently with scipy.io.loadmat (not the data set). */
const EXPECTED = {
  trainX: { '0,0': -0.158986, '0,1': 0.423977, '100,0': -0.412442, '100,1': 0.353801, '210,1': 0.184503 },
  testX: { '0,0': -0.3530623458334412, '0,1': -0.6739018129665528, '199,1': -0.42941272913886863 },
  trainY: { '0,0': 1, '100,0': 1, '210,0': 0 },
  testY: { '0,0': 0, '1,0': 1, '57,0': 1, '199,0': 0 },
} as const;
const SUMS = { trainXColumn0: -27.481801737999998, testXColumn1: -20.47313850998609, trainY: 106, testY: 87 };

describe('loadFootball', () => {
  it('reads the course file: shapes, values and label counts', { tags: [FOOTBALL_TAG] }, async () => {
    const data = await loadFootball(footballMatPath());
    expect(data.trainX.shape).toEqual([211, 2]);
    expect(data.trainY.shape).toEqual([211, 1]);
    expect(data.testX.shape).toEqual([200, 2]);
    expect(data.testY.shape).toEqual([200, 1]);
    for (const [field, values] of Object.entries(EXPECTED)) {
      const t = data[field as keyof typeof EXPECTED];
      for (const [at, value] of Object.entries(values)) {
        const [i, j] = at.split(',').map(Number);
        expect(t.data[i * t.shape[1] + j], `${field}[${at}]`).toBe(value);
      }
    }
    const sum = (values: Iterable<number>): number => [...values].reduce((s, v) => s + v, 0);
    expect(sum(data.trainX.data.filter((_, k) => k % 2 === 0))).toBeCloseTo(SUMS.trainXColumn0, 12);
    expect(sum(data.testX.data.filter((_, k) => k % 2 === 1))).toBeCloseTo(SUMS.testXColumn1, 12);
    expect(sum(data.trainY.data)).toBe(SUMS.trainY);
    expect(sum(data.testY.data)).toBe(SUMS.testY);
    expect(data.trainY.data.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('uses LAB_FOOTBALL_MAT when no path is given', { tags: [FOOTBALL_TAG] }, async () => {
    const saved = process.env.LAB_FOOTBALL_MAT;
    process.env.LAB_FOOTBALL_MAT = footballMatPath();
    try {
      expect((await loadFootball()).trainX.shape).toEqual([211, 2]);
    } finally {
      if (saved === undefined) delete process.env.LAB_FOOTBALL_MAT;
      else process.env.LAB_FOOTBALL_MAT = saved;
    }
  });

  it('parses the file in the order X, y, yval, Xval with compressed elements', { tags: [FOOTBALL_TAG] }, async () => {
    const variables = await readMatFile(footballMatPath());
    expect([...variables.keys()]).toEqual(['X', 'y', 'yval', 'Xval']);
    const bytes = await readFile(footballMatPath());
    expect(parseFootball(bytes, 'football.mat').testX.data[0]).toBe(-0.3530623458334412);
  });

  /** Runs `body` with LAB_FOOTBALL_MAT set to `value` (unset for undefined), then restores it. */
  async function withFootballEnv<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
    const saved = process.env.LAB_FOOTBALL_MAT;
    if (value === undefined) delete process.env.LAB_FOOTBALL_MAT;
    else process.env.LAB_FOOTBALL_MAT = value;
    try {
      return await body();
    } finally {
      if (saved === undefined) delete process.env.LAB_FOOTBALL_MAT;
      else process.env.LAB_FOOTBALL_MAT = saved;
    }
  }

  it('names a missing file that was passed, without a hint about LAB_FOOTBALL_MAT', async () => {
    const error = await withFootballEnv('/elsewhere/football.mat', () =>
      loadFootball('/nonexistent/football.mat').catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(DatasetError);
    expect(isLabError(error)).toBe(true);
    expect((error as Error).message).toBe('/nonexistent/football.mat: the file does not exist');
  });

  it('says so when LAB_FOOTBALL_MAT points to a missing file', async () => {
    const error = await withFootballEnv('/nonexistent/football.mat', () => loadFootball().catch((e: unknown) => e));
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toBe(
      'LAB_FOOTBALL_MAT points to /nonexistent/football.mat, which does not exist: set it to the path of football.mat',
    );
  });

  it('says how to point at the file when neither a path nor LAB_FOOTBALL_MAT is given', async () => {
    // The default is relative to the working directory: run from an empty one, where it is absent.
    const previous = process.cwd();
    process.chdir(mkdtempSync(join(tmpdir(), 'lab-football-')));
    try {
      for (const unset of [undefined, '']) {
        const error = await withFootballEnv(unset, () => loadFootball().catch((e: unknown) => e));
        expect(error).toBeInstanceOf(DatasetError);
        expect((error as Error).message).toBe(
          'no path given and the default ../shared/data/football.mat (relative to the working directory) does not exist: pass the path of football.mat or set LAB_FOOTBALL_MAT',
        );
      }
    } finally {
      process.chdir(previous);
    }
  });

  it('keeps the reason for a file that exists but cannot be read', async () => {
    const error = await loadFootball(tmpdir()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toBe(`${tmpdir()}: not a regular file (a directory)`);
  });

  it('names a missing variable and a wrong shape', () => {
    const x = (name: string, rows: number, cols: number) =>
      compressedElement(matrixElement({ name, dims: [rows, cols], values: new Array(rows * cols).fill(0) }));
    const y = (name: string, rows: number) =>
      matrixElement({ name, dims: [rows, 1], values: new Array(rows).fill(1), arrayClass: CLASS.double, dataType: TYPE.uint8 });
    const noXval = matFile([x('X', 3, 2), y('y', 3), y('yval', 2)]);
    expect(() => parseFootball(noXval, 'f.mat')).toThrow("f.mat: variable 'Xval' is missing (found 'X', 'y', 'yval')");
    const wide = matFile([x('X', 3, 3), y('y', 3), x('Xval', 2, 2), y('yval', 2)]);
    expect(() => parseFootball(wide, 'f.mat')).toThrow("f.mat: variable 'X' has shape (3, 3), expected (N, 2)");
    const rows = matFile([x('X', 3, 2), y('y', 4), x('Xval', 2, 2), y('yval', 2)]);
    expect(() => parseFootball(rows, 'f.mat')).toThrow("f.mat: variable 'X' (3, 2) and variable 'y' (4, 1) differ in rows");
    expect(parseFootball(matFile([x('X', 3, 2), y('y', 3), x('Xval', 2, 2), y('yval', 2)])).testY.shape).toEqual([2, 1]);
  });

  it('reports a corrupt element of the course file by index and name', { tags: [FOOTBALL_TAG] }, async () => {
    const bytes = new Uint8Array(await readFile(footballMatPath()));
    // Element 3 ('Xval') starts at byte 2881; flip its last (checksum) byte.
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(2881 + 4, true);
    bytes[2881 + 8 + length - 1] ^= 0x01;
    expect(() => parseMat(bytes, 'football.mat')).toThrow('football.mat: element 3: corrupt compressed data (zlib checksum mismatch)');
  });
});
