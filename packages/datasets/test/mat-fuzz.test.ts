import { readFileSync } from 'node:fs';
import type { Tensor } from '@lab/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import { DatasetError } from '../src/dataset-error';
import { parseMat } from '../src/parse-mat';
import { CLASS, compressedElement, matFile, matrixElement, TYPE } from './helpers/mat-writer';

/** The course file's bytes and its variables as parsed intact. */
function readCourseFile(): { original: Uint8Array; expected: Map<string, Tensor> } {
  const original = new Uint8Array(readFileSync(footballMatPath()));
  return { original, expected: parseMat(original, 'football.mat') };
}

/** Parses; returns the variables, or the error, which must be a DatasetError with a one-line message. */
function parseOrDatasetError(bytes: Uint8Array): Map<string, Tensor> | DatasetError {
  try {
    return parseMat(bytes, 'football.mat');
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/^football\.mat: [^\n]+$/);
    return error as DatasetError;
  }
}

function expectSameVariables(result: Map<string, Tensor>, expected: Map<string, Tensor>, names: readonly string[]): void {
  expect([...result.keys()]).toEqual(names);
  for (const name of names) {
    expect(result.get(name)!.shape).toEqual(expected.get(name)!.shape);
    expect(result.get(name)!.data).toEqual(expected.get(name)!.data);
  }
}

describe('parseMat fuzz: corrupt data is always a DatasetError, never a crash or a wrong value', () => {
  it('every truncation fails with a DatasetError, except at element boundaries (a prefix of the variables)', {
    tags: [FOOTBALL_TAG],
  }, () => {
    const { original, expected } = readCourseFile();
    const boundaries = new Map([
      [128, 0],
      [2712, 1],
      [2779, 2],
      [2881, 3],
    ]);
    // Plain checks in the loop, one expect at the end: 6000 parses stay fast.
    const problems: string[] = [];
    for (let length = 0; length < original.length; length++) {
      const prefix = boundaries.get(length);
      try {
        const result = parseMat(original.subarray(0, length), 'football.mat');
        if (prefix === undefined || result.size !== prefix) problems.push(`${length}: parsed ${result.size} variables`);
      } catch (error) {
        if (!(error instanceof DatasetError) || error.message.includes('\n')) problems.push(`${length}: ${String(error)}`);
        else if (prefix !== undefined) problems.push(`${length}: ${error.message}`);
      }
    }
    expect(problems).toEqual([]);
    for (const [length, prefix] of boundaries) {
      expectSameVariables(parseMat(original.subarray(0, length)), expected, [...expected.keys()].slice(0, prefix));
    }
  });

  it('random byte flips fail with a DatasetError or leave every value intact (zlib checksums)', { tags: [FOOTBALL_TAG] }, () => {
    const { original, expected } = readCourseFile();
    const flips = fc.array(fc.record({ at: fc.nat({ max: original.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(flips, (changes) => {
        const bytes = original.slice();
        for (const { at, xor } of changes) bytes[at] ^= xor;
        const result = parseOrDatasetError(bytes);
        if (!(result instanceof DatasetError)) expectSameVariables(result, expected, [...expected.keys()]);
      }),
      { numRuns: 2000 },
    );
  });

  it('flips in the tags and sizes of uncompressed elements, in both byte orders, never crash', () => {
    for (const little of [true, false]) {
      const file = matFile(
        [
          matrixElement({ name: 'A', dims: [3, 2], values: [1, 2, 3, 4, 5, 6] }, little),
          matrixElement({ name: 'b', dims: [1, 1], values: [9], arrayClass: CLASS.uint8, dataType: TYPE.uint8 }, little),
          compressedElement(
            matrixElement({ name: 'c', dims: [2, 2], values: [1, 2, 3, 4], arrayClass: CLASS.int16, dataType: TYPE.int16 }, little),
            little,
          ),
        ],
        { little },
      );
      fc.assert(
        fc.property(fc.nat({ max: file.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.nat({ max: file.length }), (at, xor, cut) => {
          const bytes = file.slice(0, Math.max(cut, at + 1));
          bytes[at] ^= xor;
          parseOrDatasetError(bytes);
        }),
        { numRuns: 1500 },
      );
    }
  });

  it('random bytes after a valid header fail with a DatasetError', () => {
    const header = matFile([]);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 512 }), (tail) => {
        const bytes = new Uint8Array(128 + tail.length);
        bytes.set(header);
        bytes.set(tail, 128);
        parseOrDatasetError(bytes);
      }),
      { numRuns: 1000 },
    );
  });
});
