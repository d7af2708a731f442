/**
 * Numbers from the MAT-file level 5 format ("MAT-File Format", MathWorks, 2021, ch. 1):
 * data types of data elements and classes of miMATRIX arrays.
 */

export const MI_INT8 = 1;
export const MI_UINT8 = 2;
export const MI_INT16 = 3;
export const MI_UINT16 = 4;
export const MI_INT32 = 5;
export const MI_UINT32 = 6;
export const MI_SINGLE = 7;
export const MI_DOUBLE = 9;
export const MI_INT64 = 12;
export const MI_UINT64 = 13;
export const MI_MATRIX = 14;
export const MI_COMPRESSED = 15;
export const MI_UTF8 = 16;

/** Bytes per value of each numeric data type. */
export const NUMERIC_TYPE_SIZES: Readonly<Record<number, number>> = {
  [MI_INT8]: 1,
  [MI_UINT8]: 1,
  [MI_INT16]: 2,
  [MI_UINT16]: 2,
  [MI_INT32]: 4,
  [MI_UINT32]: 4,
  [MI_SINGLE]: 4,
  [MI_DOUBLE]: 8,
  [MI_INT64]: 8,
  [MI_UINT64]: 8,
};

/** Array classes the reader turns into tensors: double, single, int8 … uint64 (logical is uint8 + a flag). */
export const NUMERIC_CLASSES: ReadonlySet<number> = new Set([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

/** What to call the array classes the reader rejects, for the error message. */
export const UNSUPPORTED_CLASSES: Readonly<Record<number, string>> = {
  1: 'cell arrays',
  2: 'structs',
  3: 'objects',
  4: 'char arrays',
  5: 'sparse arrays',
  16: 'function handles',
  17: 'objects (opaque class)',
};

/** Array flags bit: the array has an imaginary part. */
export const FLAG_COMPLEX = 0x08;
/** Array flags bit: a logical array (stored as uint8). */
export const FLAG_LOGICAL = 0x02;

/** The class number of MATLAB's opaque objects (string, table, …), whose layout has no dimensions. */
export const CLASS_OPAQUE = 17;

/** deflate cannot expand data by more than about 1032:1, so a longer inflated size is a corrupt header. */
export const MAX_DEFLATE_RATIO = 1032;
