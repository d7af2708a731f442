import { formatShape, Tensor } from '@lab/tensor';
import {
  CLASS_OPAQUE,
  FLAG_COMPLEX,
  MI_DOUBLE,
  MI_INT8,
  MI_INT16,
  MI_INT32,
  MI_INT64,
  MI_SINGLE,
  MI_UINT8,
  MI_UINT16,
  MI_UINT32,
  MI_UINT64,
  MI_UTF8,
  NUMERIC_CLASSES,
  NUMERIC_TYPE_SIZES,
  UNSUPPORTED_CLASSES,
} from './mat-constants';
import { failAt, type MatSite, printableName } from './mat-site';
import { readSubElement } from './mat-sub-element';

/** A decoded miMATRIX: the variable's name and its values, row-major. */
export interface MatVariable {
  readonly name: string;
  readonly value: Tensor;
}

/**
 * Decodes the body of an miMATRIX element (the bytes after its tag, `start` to `end`):
 * array flags, dimensions, name and the real part of a numeric array. Values stored
 * column-major (MATLAB's order) come back row-major with the same dimensions.
 * @remarks Sets `site.name` as soon as the name is known, so later errors name the variable.
 * @throws DatasetError for unsupported classes (cell, struct, object, char, sparse,
 *   function handle), complex arrays, and sizes that disagree or run past `end`
 */
export function readMatrix(bytes: Uint8Array, start: number, end: number, little: boolean, site: MatSite): MatVariable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = readSubElement(view, start, end, little, site, 'array flags');
  if (flags.type !== MI_UINT32 || flags.length !== 8) {
    failAt(site, `array flags: expected 8 bytes of miUINT32 (type 6), got ${flags.length} bytes of type ${flags.type}`);
  }
  const flagWord = view.getUint32(flags.offset, little);
  const arrayClass = flagWord & 0xff;
  // Opaque objects have no dimensions element; their layout is undocumented.
  if (arrayClass === CLASS_OPAQUE) failAt(site, `${UNSUPPORTED_CLASSES[CLASS_OPAQUE]} are not supported`);

  const dimsElement = readSubElement(view, flags.next, end, little, site, 'dimensions');
  if (dimsElement.type !== MI_INT32 || dimsElement.length % 4 !== 0 || dimsElement.length < 8) {
    failAt(site, `dimensions: expected at least 2 miINT32 (type 5) values, got ${dimsElement.length} bytes of type ${dimsElement.type}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < dimsElement.length / 4; i++) dims.push(view.getInt32(dimsElement.offset + 4 * i, little));

  const nameElement = readSubElement(view, dimsElement.next, end, little, site, 'name');
  if (nameElement.type !== MI_INT8 && nameElement.type !== MI_UINT8 && nameElement.type !== MI_UTF8) {
    failAt(site, `name: expected miINT8 (type 1) characters, got type ${nameElement.type}`);
  }
  const name = printableName(bytes.subarray(nameElement.offset, nameElement.offset + nameElement.length));
  site.name = name;

  const unsupported = UNSUPPORTED_CLASSES[arrayClass];
  if (unsupported !== undefined) failAt(site, `${unsupported} are not supported`);
  if (!NUMERIC_CLASSES.has(arrayClass)) failAt(site, `unknown array class ${arrayClass}`);
  if (((flagWord >>> 8) & 0xff & FLAG_COMPLEX) !== 0) failAt(site, 'complex arrays are not supported');
  for (const dim of dims) if (dim < 0) failAt(site, `dimensions ${formatShape(dims)}: negative dimension ${dim}`);

  const real = readSubElement(view, nameElement.next, end, little, site, 'real part');
  const typeSize = NUMERIC_TYPE_SIZES[real.type];
  if (typeSize === undefined) failAt(site, `real part: data type ${real.type} is not numeric`);
  if (real.length % typeSize !== 0) failAt(site, `real part: ${real.length} bytes is not a whole number of ${typeSize}-byte values`);
  const count = real.length / typeSize;
  let expected = 1;
  for (const dim of dims) expected *= dim;
  if (count !== expected) failAt(site, `real part holds ${count} values but dimensions ${formatShape(dims)} need ${expected}`);

  const data = new Float64Array(count);
  const read = valueReader(view, real.type, little);
  columnMajorToRowMajor(dims, (k) => read(real.offset + k * typeSize), data);
  return { name, value: new Tensor(data, dims) };
}

/** A function reading one value of data type `type` at a byte offset, as a float64. */
function valueReader(view: DataView, type: number, little: boolean): (offset: number) => number {
  switch (type) {
    case MI_DOUBLE:
      return (o) => view.getFloat64(o, little);
    case MI_SINGLE:
      return (o) => view.getFloat32(o, little);
    case MI_INT8:
      return (o) => view.getInt8(o);
    case MI_UINT8:
      return (o) => view.getUint8(o);
    case MI_INT16:
      return (o) => view.getInt16(o, little);
    case MI_UINT16:
      return (o) => view.getUint16(o, little);
    case MI_INT32:
      return (o) => view.getInt32(o, little);
    case MI_UINT32:
      return (o) => view.getUint32(o, little);
    case MI_INT64:
      // Exact up to 2^53; larger magnitudes round to the nearest float64, as in NumPy's astype(float64).
      return (o) => Number(view.getBigInt64(o, little));
    case MI_UINT64:
      return (o) => Number(view.getBigUint64(o, little));
    default:
      throw new Error(`valueReader: data type ${type} is not numeric`);
  }
}

/**
 * Fills `out` (row-major, shape `dims`) from values given in column-major order:
 * `valueAt(k)` is the k-th value MATLAB stored.
 */
function columnMajorToRowMajor(dims: readonly number[], valueAt: (k: number) => number, out: Float64Array): void {
  const ndim = dims.length;
  const strides = new Array<number>(ndim);
  let stride = 1;
  for (let axis = ndim - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= dims[axis];
  }
  // Walk the column-major order: the first index changes fastest.
  const index = new Array<number>(ndim).fill(0);
  let target = 0;
  for (let k = 0; k < out.length; k++) {
    out[target] = valueAt(k);
    for (let axis = 0; axis < ndim; axis++) {
      index[axis]++;
      target += strides[axis];
      if (index[axis] < dims[axis]) break;
      target -= strides[axis] * dims[axis];
      index[axis] = 0;
    }
  }
}
