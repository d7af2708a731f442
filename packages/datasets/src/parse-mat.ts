import type { Tensor } from '@lab/tensor';
import { DatasetError } from './dataset-error';
import { MI_COMPRESSED, MI_MATRIX } from './internal/mat-constants';
import { inflateElement } from './internal/mat-inflate';
import { readMatrix } from './internal/mat-matrix';
import { failAt, type MatSite } from './internal/mat-site';

/** Options of {@link parseMat}. */
export interface ParseMatOptions {
  /**
   * Largest inflated size of one compressed element, in bytes (default 1 GiB). A corrupt
   * or hostile file fails with a `DatasetError` instead of exhausting memory.
   */
  readonly maxInflatedBytes?: number;
}

const HEADER_BYTES = 128;
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Reads a MATLAB level-5 MAT-file (what `save -v7`, `save -v6` and `scipy.io.savemat`
 * write) from its bytes: the 128-byte header, both byte orders, zlib-compressed
 * elements, and numeric arrays of class double, single, int8 … uint64 and logical.
 * Every array comes back as a float64 tensor with MATLAB's dimensions, converted from
 * MATLAB's column-major order to row-major: a 211×2 matrix is a (211, 2) tensor.
 * Uses no Node API, so it runs in browsers too; {@link readMatFile} reads a path in Node.
 * @param bytes - the whole file
 * @param fileName - names the file in error messages
 * @returns variable name → tensor, in file order
 * @throws DatasetError naming the file, the element (from 0) and the variable when known, for:
 *   v7.3 (HDF5) files, a bad header, truncated or corrupt data, sizes that disagree, and
 *   the kinds it does not read (cell, struct, object, char, sparse, complex arrays):
 *   `football.mat: element 3 ('Xval'): sparse arrays are not supported`
 */
export function parseMat(bytes: Uint8Array, fileName = '<bytes>', options: ParseMatOptions = {}): Map<string, Tensor> {
  const maxInflatedBytes = options.maxInflatedBytes ?? 2 ** 30;
  const little = readHeader(bytes, fileName);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const variables = new Map<string, Tensor>();
  let pos = HEADER_BYTES;
  for (let index = 0; pos < bytes.length; index++) {
    const site: MatSite = { file: fileName, index };
    const left = bytes.length - pos;
    if (left < 8) failAt(site, `truncated tag: ${left} bytes left, need 8`);
    const type = view.getUint32(pos, little);
    const length = view.getUint32(pos + 4, little);
    if (length > left - 8) failAt(site, `declares ${length} bytes but only ${left - 8} remain (truncated file?)`);
    const start = pos + 8;
    let variable: ReturnType<typeof readMatrix>;
    if (type === MI_COMPRESSED) {
      const inner = inflateElement(bytes.subarray(start, start + length), little, maxInflatedBytes, site);
      variable = readInflated(inner, little, site);
      pos = start + length;
    } else if (type === MI_MATRIX) {
      variable = readMatrix(bytes, start, start + length, little, site);
      pos = start + length;
    } else {
      failAt(site, `data type ${type} at the top level; expected miMATRIX (14) or miCOMPRESSED (15)`);
    }
    if (variables.has(variable.name)) failAt(site, 'a variable of this name appears twice');
    variables.set(variable.name, variable.value);
  }
  return variables;
}

/** Checks the header; returns true for a little-endian file. */
function readHeader(bytes: Uint8Array, fileName: string): boolean {
  if (hasSignature(bytes, 0) || hasSignature(bytes, 512) || startsWith(bytes, 'MATLAB 7.3')) {
    throw new DatasetError(`${fileName}: MATLAB v7.3 (HDF5) MAT-files are not supported; save with -v7 or scipy.io.savemat`);
  }
  if (bytes.length < HEADER_BYTES) {
    throw new DatasetError(`${fileName}: ${bytes.length} bytes is too short for a MAT-file header (${HEADER_BYTES} bytes)`);
  }
  if (!startsWith(bytes, 'MATLAB 5.0')) {
    throw new DatasetError(`${fileName}: not a MATLAB level-5 MAT-file (the header does not start with 'MATLAB 5.0')`);
  }
  const order = String.fromCharCode(bytes[126], bytes[127]);
  if (order !== 'IM' && order !== 'MI') {
    throw new DatasetError(`${fileName}: bad endian indicator ${JSON.stringify(order)} at byte 126, expected 'IM' or 'MI'`);
  }
  const little = order === 'IM';
  const version = little ? bytes[124] | (bytes[125] << 8) : (bytes[124] << 8) | bytes[125];
  if (version === 0x0200) {
    throw new DatasetError(`${fileName}: MATLAB v7.3 (HDF5) MAT-files are not supported; save with -v7 or scipy.io.savemat`);
  }
  if (version !== 0x0100) throw new DatasetError(`${fileName}: unsupported MAT-file version 0x${version.toString(16)} (expected 0x0100)`);
  return little;
}

/** Decodes the single miMATRIX element an miCOMPRESSED element holds. */
function readInflated(inner: Uint8Array, little: boolean, site: MatSite): ReturnType<typeof readMatrix> {
  if (inner.length < 8) failAt(site, `compressed element holds ${inner.length} bytes, too few for a tag`);
  const view = new DataView(inner.buffer, inner.byteOffset, inner.byteLength);
  const type = view.getUint32(0, little);
  const length = view.getUint32(4, little);
  if (type !== MI_MATRIX) failAt(site, `compressed element holds data type ${type}; expected miMATRIX (14)`);
  if (length > inner.length - 8) failAt(site, `compressed matrix declares ${length} bytes but inflates to only ${inner.length - 8}`);
  return readMatrix(inner, 8, 8 + length, little, site);
}

function hasSignature(bytes: Uint8Array, offset: number): boolean {
  if (bytes.length < offset + HDF5_SIGNATURE.length) return false;
  return HDF5_SIGNATURE.every((byte, i) => bytes[offset + i] === byte);
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}
