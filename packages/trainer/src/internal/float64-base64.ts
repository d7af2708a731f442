/**
 * Float64 buffers as text: base64 of the raw little-endian IEEE 754 bytes.
 *
 * JSON numbers round-trip every finite double exactly (ECMAScript prints the shortest
 * string that parses back to the same value), but `JSON.stringify(-0)` is `"0"`, and
 * NaN and ±Infinity become `null`. Moment buffers and parameters can hold -0 (a
 * gradient summed from -0 terms is -0, and β·(-0) + (1−β)·(-0) stays -0), and a resumed
 * run must reproduce the saved bytes exactly, so they are stored as bytes: every value
 * comes back bit for bit, subnormals included.
 */

import { describeValue } from './validate';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Encodes `data` as base64 of its little-endian float64 bytes (8 bytes per value).
 * @param data - (K,) any length
 */
export function encodeFloat64(data: Float64Array): string {
  const bytes = new Uint8Array(data.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat64(i * 8, data[i], true);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Decodes text from {@link encodeFloat64}.
 * @param length - the number of values expected
 * @returns a new (length,) buffer, or a one-line reason why `text` is not one
 */
export function decodeFloat64(text: unknown, length: number): Float64Array | string {
  if (typeof text !== 'string') return `expected a base64 string, got ${describeValue(text)}`;
  if (text.length % 4 !== 0 || !BASE64.test(text)) return 'not valid base64';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== length * 8) {
    const got = bytes.byteLength % 8 === 0 ? `${bytes.byteLength / 8}` : `${bytes.byteLength} bytes, not a multiple of 8`;
    return `expected ${length} float64 values, got ${got}`;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
