/**
 * Writes a small uncompressed MAT-file (level 5, little-endian) of double matrices, byte by
 * byte as the format specifies, for tests that need a data file with chosen values (NaN, a label
 * of 7) without a MAT library.
 * @param variables - name → rows of values (every row the same length), or `{ rows, columns }`
 *   for a matrix whose column count its rows cannot say (no rows: `{ rows: [], columns: 2 }`)
 */
export function tinyMatFile(variables: Readonly<Record<string, Rows | { readonly rows: Rows; readonly columns: number }>>): Uint8Array {
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, written by the @lab tests'));
  header.fill(0, 116, 124);
  header.set([0x00, 0x01, 0x49, 0x4d], 124); // version 0x0100, endian indicator 'IM'
  const elements = Object.entries(variables).map(([name, value]) =>
    'columns' in value ? matrix(name, value.rows, value.columns) : matrix(name, value as Rows, (value as Rows)[0]?.length ?? 0),
  );
  return concat([header, ...elements]);
}

type Rows = readonly (readonly number[])[];

const MI_INT8 = 1;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_DOUBLE = 9;
const MI_MATRIX = 14;
const MX_DOUBLE_CLASS = 6;

function matrix(name: string, rows: Rows, n: number): Uint8Array {
  const m = rows.length;
  const flags = new DataView(new ArrayBuffer(8));
  flags.setUint32(0, MX_DOUBLE_CLASS, true);
  const dims = new DataView(new ArrayBuffer(8));
  dims.setInt32(0, m, true);
  dims.setInt32(4, n, true);
  // MATLAB stores column-major.
  const values = new DataView(new ArrayBuffer(8 * m * n));
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) values.setFloat64(8 * (j * m + i), rows[i]?.[j] ?? 0, true);
  const body = concat([
    element(MI_UINT32, new Uint8Array(flags.buffer)),
    element(MI_INT32, new Uint8Array(dims.buffer)),
    element(MI_INT8, new TextEncoder().encode(name)),
    element(MI_DOUBLE, new Uint8Array(values.buffer)),
  ]);
  return element(MI_MATRIX, body);
}

/** A data element: an 8-byte tag (type, byte count), the data, zero padding to 8 bytes. */
function element(type: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + Math.ceil(data.length / 8) * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
