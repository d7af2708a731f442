import { zlibSync } from 'fflate';

/**
 * A small MAT-file level-5 writer for hand-built test fixtures: every byte the reader
 * sees is spelled out here, so the tests do not depend on any other MAT implementation.
 */

export const TYPE = {
  int8: 1,
  uint8: 2,
  int16: 3,
  uint16: 4,
  int32: 5,
  uint32: 6,
  single: 7,
  double: 9,
  int64: 12,
  uint64: 13,
  matrix: 14,
  compressed: 15,
  utf8: 16,
  utf16: 17,
} as const;

export const CLASS = {
  cell: 1,
  struct: 2,
  object: 3,
  char: 4,
  sparse: 5,
  double: 6,
  single: 7,
  int8: 8,
  uint8: 9,
  int16: 10,
  uint16: 11,
  int32: 12,
  uint32: 13,
  int64: 14,
  uint64: 15,
  function: 16,
  opaque: 17,
} as const;

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8, 16: 1, 17: 2 };

/** A data element: type and raw bytes; `small` writes the 4-byte tag format when the data fits in 4 bytes. */
export function dataElement(type: number, data: Uint8Array, little: boolean, small = data.length <= 4): Uint8Array {
  if (small) {
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    view.setUint32(0, ((data.length << 16) | type) >>> 0, little);
    out.set(data, 4);
    return out;
  }
  const padded = data.length + ((8 - (data.length % 8)) % 8);
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, little);
  view.setUint32(4, data.length, little);
  out.set(data, 8);
  return out;
}

/** Encodes numbers as data type `type` in the given byte order. */
export function encode(type: number, values: readonly number[], little: boolean): Uint8Array {
  const size = TYPE_SIZE[type];
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    const o = i * size;
    if (type === TYPE.double) view.setFloat64(o, v, little);
    else if (type === TYPE.single) view.setFloat32(o, v, little);
    else if (type === TYPE.int8) view.setInt8(o, v);
    else if (type === TYPE.uint8 || type === TYPE.utf8) view.setUint8(o, v);
    else if (type === TYPE.int16) view.setInt16(o, v, little);
    else if (type === TYPE.uint16 || type === TYPE.utf16) view.setUint16(o, v, little);
    else if (type === TYPE.int32) view.setInt32(o, v, little);
    else if (type === TYPE.uint32) view.setUint32(o, v, little);
    else if (type === TYPE.int64) view.setBigInt64(o, BigInt(v), little);
    else view.setBigUint64(o, BigInt(v), little);
  });
  return out;
}

export interface ArraySpec {
  readonly name: string;
  readonly dims: readonly number[];
  /** Values in MATLAB's column-major order. */
  readonly values?: readonly number[];
  /** Array class (default double). */
  readonly arrayClass?: number;
  /** Storage type of the values (default: double). */
  readonly dataType?: number;
  readonly logical?: boolean;
  readonly complex?: boolean;
  /** Write the values in the small element format when they fit (default true, as MATLAB does). */
  readonly smallData?: boolean;
}

/** An miMATRIX element (tag included) for `spec`. */
export function matrixElement(spec: ArraySpec, little = true): Uint8Array {
  const { name, dims, values = [], arrayClass = CLASS.double, dataType = TYPE.double, logical = false, complex = false } = spec;
  const flags = new Uint8Array(8);
  new DataView(flags.buffer).setUint32(0, (arrayClass | (((logical ? 0x02 : 0) | (complex ? 0x08 : 0)) << 8)) >>> 0, little);
  const parts = [
    dataElement(TYPE.uint32, flags, little, false),
    dataElement(TYPE.int32, encode(TYPE.int32, dims, little), little, false),
    dataElement(TYPE.int8, new TextEncoder().encode(name), little),
  ];
  if (arrayClass !== CLASS.opaque) {
    const data = encode(dataType, values, little);
    parts.push(dataElement(dataType, data, little, (spec.smallData ?? true) && data.length <= 4));
    if (complex) parts.push(dataElement(dataType, data, little, (spec.smallData ?? true) && data.length <= 4));
  }
  return dataElement(TYPE.matrix, concat(parts), little, false);
}

/** An miCOMPRESSED element holding `inner` (usually a {@link matrixElement}). */
export function compressedElement(inner: Uint8Array, little = true): Uint8Array {
  const body = zlibSync(inner);
  const out = new Uint8Array(8 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, TYPE.compressed, little);
  view.setUint32(4, body.length, little);
  out.set(body, 8);
  return out;
}

/** A whole file: a 128-byte header (text, version 0x0100, endian indicator), then the elements. */
export function matFile(elements: readonly Uint8Array[], options: { little?: boolean; text?: string; version?: number } = {}): Uint8Array {
  const { little = true, text = 'MATLAB 5.0 MAT-file, written by the @lab/datasets tests', version = 0x0100 } = options;
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode(text).subarray(0, 116));
  header.fill(0, 116, 124);
  new DataView(header.buffer).setUint16(124, version, little);
  header.set(new TextEncoder().encode(little ? 'IM' : 'MI'), 126);
  return concat([header, ...elements]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
