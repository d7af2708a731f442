import { isLabError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../src/dataset-error';
import { parseMat } from '../src/parse-mat';
import { type ArraySpec, CLASS, compressedElement, concat, dataElement, matFile, matrixElement, TYPE } from './helpers/mat-writer';

/** A 2×3 matrix [[1, 2, 3], [4, 5, 6]] in MATLAB's column-major order. */
const COLUMN_MAJOR = [1, 4, 2, 5, 3, 6];
const ROW_MAJOR = [
  [1, 2, 3],
  [4, 5, 6],
];

const NUMERIC: readonly { label: string; arrayClass: number; dataType: number; logical?: boolean }[] = [
  { label: 'double', arrayClass: CLASS.double, dataType: TYPE.double },
  { label: 'single', arrayClass: CLASS.single, dataType: TYPE.single },
  { label: 'int8', arrayClass: CLASS.int8, dataType: TYPE.int8 },
  { label: 'uint8', arrayClass: CLASS.uint8, dataType: TYPE.uint8 },
  { label: 'int16', arrayClass: CLASS.int16, dataType: TYPE.int16 },
  { label: 'uint16', arrayClass: CLASS.uint16, dataType: TYPE.uint16 },
  { label: 'int32', arrayClass: CLASS.int32, dataType: TYPE.int32 },
  { label: 'uint32', arrayClass: CLASS.uint32, dataType: TYPE.uint32 },
  { label: 'int64', arrayClass: CLASS.int64, dataType: TYPE.int64 },
  { label: 'uint64', arrayClass: CLASS.uint64, dataType: TYPE.uint64 },
  { label: 'logical', arrayClass: CLASS.uint8, dataType: TYPE.uint8, logical: true },
  { label: 'double stored as uint8 (what MATLAB writes for small integers)', arrayClass: CLASS.double, dataType: TYPE.uint8 },
];

function parseOne(spec: ArraySpec, little = true, compress = false): ReturnType<typeof parseMat> {
  const element = matrixElement(spec, little);
  return parseMat(matFile([compress ? compressedElement(element, little) : element], { little }), 'fixture.mat');
}

describe('parseMat on hand-built files', () => {
  for (const little of [true, false]) {
    for (const compress of [false, true]) {
      const order = `${little ? 'little' : 'big'}-endian${compress ? ', compressed' : ''}`;
      for (const { label, arrayClass, dataType, logical } of NUMERIC) {
        it(`reads a ${label} matrix (${order}) column-major → row-major`, () => {
          const values = logical ? [1, 0, 0, 1, 1, 0] : COLUMN_MAJOR;
          const result = parseOne({ name: 'A', dims: [2, 3], values, arrayClass, dataType, logical }, little, compress);
          const a = result.get('A')!;
          expect(a.shape).toEqual([2, 3]);
          expect(a.toArray()).toEqual(
            logical
              ? [
                  [1, 0, 1],
                  [0, 1, 0],
                ]
              : ROW_MAJOR,
          );
        });
      }
    }
  }

  it('keeps negative and fractional values of signed and float types', () => {
    const values = [-1.5, 2.25, -3e300, 4];
    expect(
      parseOne({ name: 'd', dims: [2, 2], values })
        .get('d')!
        .toArray(),
    ).toEqual([
      [-1.5, -3e300],
      [2.25, 4],
    ]);
    const ints = parseOne({ name: 'i', dims: [1, 3], values: [-128, 0, 127], arrayClass: CLASS.int8, dataType: TYPE.int8 });
    expect(ints.get('i')!.toArray()).toEqual([[-128, 0, 127]]);
    const big = parseOne({ name: 'b', dims: [1, 1], values: [-(2 ** 40) - 3], arrayClass: CLASS.int64, dataType: TYPE.int64 });
    expect(big.get('b')!.data[0]).toBe(-(2 ** 40) - 3);
  });

  it('reads values in the small data element format, in both byte orders', () => {
    for (const little of [true, false]) {
      const one = parseOne({ name: 'y', dims: [1, 1], values: [7], arrayClass: CLASS.uint8, dataType: TYPE.uint8 }, little);
      expect(one.get('y')!.toArray()).toEqual([[7]]);
      const four = parseOne({ name: 'q', dims: [2, 2], values: [1, 2, 3, 4], arrayClass: CLASS.int8, dataType: TYPE.int8 }, little);
      expect(four.get('q')!.toArray()).toEqual([
        [1, 3],
        [2, 4],
      ]);
      const single = parseOne({ name: 's', dims: [1, 1], values: [0.5], arrayClass: CLASS.single, dataType: TYPE.single }, little);
      expect(single.get('s')!.toArray()).toEqual([[0.5]]);
    }
  });

  it('reads N-D arrays (MATLAB dims kept, values reordered to row-major)', () => {
    // A(i, j, k) = 100i + 10j + k for a 2×3×2 array, written column-major (i fastest).
    const values: number[] = [];
    for (let k = 0; k < 2; k++) for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) values.push(100 * i + 10 * j + k);
    const t = parseOne({ name: 'A', dims: [2, 3, 2], values }).get('A')!;
    expect(t.shape).toEqual([2, 3, 2]);
    expect(t.toArray()).toEqual([
      [
        [0, 1],
        [10, 11],
        [20, 21],
      ],
      [
        [100, 101],
        [110, 111],
        [120, 121],
      ],
    ]);
  });

  it('reads empty matrices and several variables in file order', () => {
    const file = matFile([
      matrixElement({ name: 'empty', dims: [0, 0] }),
      compressedElement(matrixElement({ name: 'row', dims: [1, 2], values: [1, 2] })),
      matrixElement({ name: 'col', dims: [2, 1], values: [3, 4] }),
    ]);
    const result = parseMat(file);
    expect([...result.keys()]).toEqual(['empty', 'row', 'col']);
    expect(result.get('empty')!.shape).toEqual([0, 0]);
    expect(result.get('col')!.toArray()).toEqual([[3], [4]]);
  });

  const unsupported: readonly [string, ArraySpec, RegExp][] = [
    ['sparse', { name: 'S', dims: [2, 2], arrayClass: CLASS.sparse, dataType: TYPE.int32, values: [0] }, /sparse arrays are not supported/],
    ['cell', { name: 'C', dims: [1, 1], arrayClass: CLASS.cell }, /cell arrays are not supported/],
    ['struct', { name: 'T', dims: [1, 1], arrayClass: CLASS.struct, dataType: TYPE.int32, values: [32] }, /structs are not supported/],
    ['object', { name: 'O', dims: [1, 1], arrayClass: CLASS.object }, /objects are not supported/],
    [
      'char',
      { name: 'str', dims: [1, 2], arrayClass: CLASS.char, dataType: TYPE.utf16, values: [104, 105] },
      /char arrays are not supported/,
    ],
    ['function handle', { name: 'f', dims: [1, 1], arrayClass: CLASS.function }, /function handles are not supported/],
    ['complex', { name: 'z', dims: [1, 2], values: [1, 2], complex: true }, /complex arrays are not supported/],
    ['unknown class', { name: 'u', dims: [1, 1], arrayClass: 42 }, /unknown array class 42/],
  ];
  for (const [kind, spec, message] of unsupported) {
    it(`rejects a ${kind} array naming file, element and variable`, () => {
      const file = matFile([matrixElement({ name: 'ok', dims: [1, 1], values: [1] }), compressedElement(matrixElement(spec))]);
      const error = catchError(() => parseMat(file, 'fixture.mat'));
      expect(error).toBeInstanceOf(DatasetError);
      expect(isLabError(error)).toBe(true);
      expect((error as Error).name).toBe('DatasetError');
      expect((error as Error).message).toMatch(new RegExp(`^fixture\\.mat: element 1 \\('${spec.name}'\\): ${message.source}$`));
    });
  }

  it('rejects opaque objects (no dimensions element) before their name is known', () => {
    const file = matFile([matrixElement({ name: 'obj', dims: [], arrayClass: CLASS.opaque })]);
    expect(() => parseMat(file, 'fixture.mat')).toThrow('fixture.mat: element 0: objects (opaque class) are not supported');
  });

  it('rejects v7.3 (HDF5) files, foreign files and bad headers', () => {
    const hdf5 = new Uint8Array(1024);
    hdf5.set(new TextEncoder().encode('MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00'));
    hdf5.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 512);
    expect(() => parseMat(hdf5, 'big.mat')).toThrow(
      'big.mat: MATLAB v7.3 (HDF5) MAT-files are not supported; save with -v7 or scipy.io.savemat',
    );
    expect(() => parseMat(matFile([], { version: 0x0200 }), 'v73.mat')).toThrow(/v7\.3 \(HDF5\)/);
    expect(() => parseMat(new Uint8Array(10), 'tiny.mat')).toThrow('tiny.mat: 10 bytes is too short for a MAT-file header (128 bytes)');
    expect(() => parseMat(matFile([], { text: 'hello' }), 'x.mat')).toThrow(/not a MATLAB level-5 MAT-file/);
    const badOrder = matFile([]);
    badOrder.set([0x41, 0x42], 126);
    expect(() => parseMat(badOrder, 'x.mat')).toThrow(`x.mat: bad endian indicator "AB" at byte 126, expected 'IM' or 'MI'`);
    expect(() => parseMat(matFile([], { version: 0x0300 }), 'x.mat')).toThrow(/unsupported MAT-file version 0x300/);
  });

  it('accepts a file with no variables', () => {
    expect(parseMat(matFile([])).size).toBe(0);
  });

  it('rejects sizes that disagree, with the numbers', () => {
    const wrongCount = matFile([matrixElement({ name: 'A', dims: [2, 2], values: [1, 2, 3] })]);
    expect(() => parseMat(wrongCount, 'f.mat')).toThrow("f.mat: element 0 ('A'): real part holds 3 values but dimensions (2, 2) need 4");
    const negative = matFile([matrixElement({ name: 'A', dims: [-1, 2], values: [] })]);
    expect(() => parseMat(negative, 'f.mat')).toThrow(/negative dimension -1/);
    const truncated = matFile([matrixElement({ name: 'A', dims: [1, 2], values: [1, 2] })]).subarray(0, 170);
    expect(() => parseMat(truncated, 'f.mat')).toThrow(/^f\.mat: element 0: declares \d+ bytes but only 34 remain \(truncated file\?\)$/);
    const oneDim = matFile([matrixElement({ name: 'A', dims: [3], values: [1, 2, 3] })]);
    expect(() => parseMat(oneDim, 'f.mat')).toThrow(/dimensions: expected at least 2 miINT32/);
  });

  it('rejects a sub-element whose size runs past its matrix', () => {
    const element = matrixElement({ name: 'A', dims: [1, 1], values: [1] });
    // The real part's tag is the last 16 bytes; declare 9 bytes instead of 8.
    new DataView(element.buffer).setUint32(element.length - 12, 9, true);
    expect(() => parseMat(matFile([element]), 'f.mat')).toThrow("f.mat: element 0 ('A'): real part: declares 9 bytes but only 8 remain");
  });

  it('rejects an oversized small element, duplicate names and stray top-level data', () => {
    const small = matrixElement({ name: 'A', dims: [1, 1], values: [1], arrayClass: CLASS.uint8, dataType: TYPE.uint8 });
    new DataView(small.buffer).setUint16(small.length - 6, 5, true);
    expect(() => parseMat(matFile([small]), 'f.mat')).toThrow(/real part: small data element declares 5 bytes, at most 4 fit/);
    const twice = matFile([
      matrixElement({ name: 'A', dims: [1, 1], values: [1] }),
      matrixElement({ name: 'A', dims: [1, 1], values: [2] }),
    ]);
    expect(() => parseMat(twice, 'f.mat')).toThrow("f.mat: element 1 ('A'): a variable of this name appears twice");
    const stray = matFile([dataElement(TYPE.double, new Uint8Array(8), true, false)]);
    expect(() => parseMat(stray, 'f.mat')).toThrow(
      'f.mat: element 0: data type 9 at the top level; expected miMATRIX (14) or miCOMPRESSED (15)',
    );
    expect(() => parseMat(concat([matFile([]), new Uint8Array(3)]), 'f.mat')).toThrow(
      'f.mat: element 0: truncated tag: 3 bytes left, need 8',
    );
  });

  it('rejects corrupt compressed data: bad zlib header, bad checksum, wrong inner type, oversize', () => {
    const good = compressedElement(matrixElement({ name: 'A', dims: [1, 3], values: [1, 2, 3] }));
    const badHeader = good.slice();
    badHeader[8] = 0x00;
    expect(() => parseMat(matFile([badHeader]), 'f.mat')).toThrow(/^f\.mat: element 0: corrupt compressed data \(zlib: .*\)$/);
    const badChecksum = good.slice();
    badChecksum[badChecksum.length - 1] ^= 0xff;
    expect(() => parseMat(matFile([badChecksum]), 'f.mat')).toThrow('f.mat: element 0: corrupt compressed data (zlib checksum mismatch)');
    const notMatrix = compressedElement(dataElement(TYPE.double, new Uint8Array(8), true, false));
    expect(() => parseMat(matFile([notMatrix]), 'f.mat')).toThrow(
      'f.mat: element 0: compressed element holds data type 9; expected miMATRIX (14)',
    );
    // The inner tag claims 4 GB: more than deflate can produce from these few bytes.
    const huge = matrixElement({ name: 'A', dims: [1, 1], values: [1] });
    new DataView(huge.buffer).setUint32(4, 0xfffffff0, true);
    expect(() => parseMat(matFile([compressedElement(huge)]), 'f.mat')).toThrow(
      /compressed element declares 4294967280 bytes inside, more than the limit/,
    );
    // A legitimate element larger than the caller's limit.
    const zeros = compressedElement(matrixElement({ name: 'Z', dims: [1000, 1], values: new Array(1000).fill(0) }));
    expect(() => parseMat(matFile([zeros]), 'f.mat', { maxInflatedBytes: 4096 })).toThrow(/more than the limit of 4096/);
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
