import { failAt, type MatSite } from './mat-site';

/** One data element inside a byte range: its type and where its data sits. */
export interface SubElement {
  /** The data type, e.g. 9 for miDOUBLE. */
  readonly type: number;
  /** Byte offset of the data. */
  readonly offset: number;
  /** Number of data bytes (without padding). */
  readonly length: number;
  /** Byte offset of the next element (after the padding to 8 bytes). */
  readonly next: number;
}

/**
 * Reads the tag of the data element at `pos`, in the normal (8-byte tag) or the small
 * (4-byte tag, data in the same 8 bytes) format, and checks that its data and padding
 * fit before `end` — so no later read or allocation trusts a size the bytes do not back.
 * @param what - the element's role, named in errors: `dimensions`, `real part`, …
 * @throws DatasetError when the tag, the data or the padding runs past `end`
 */
export function readSubElement(view: DataView, pos: number, end: number, little: boolean, site: MatSite, what: string): SubElement {
  const left = end - pos;
  if (left < 8) failAt(site, `${what}: truncated tag: ${left} bytes left, need 8`);
  const word = view.getUint32(pos, little);
  const smallLength = word >>> 16;
  if (smallLength !== 0) {
    // Small data element format: the upper 16 bits of the first word are the byte count.
    if (smallLength > 4) failAt(site, `${what}: small data element declares ${smallLength} bytes, at most 4 fit`);
    return { type: word & 0xffff, offset: pos + 4, length: smallLength, next: pos + 8 };
  }
  const length = view.getUint32(pos + 4, little);
  const available = left - 8;
  if (length > available) failAt(site, `${what}: declares ${length} bytes but only ${available} remain`);
  const padded = length + ((8 - (length % 8)) % 8);
  if (padded > available) failAt(site, `${what}: ${length} bytes plus padding to 8 need ${padded}, but only ${available} remain`);
  return { type: word, offset: pos + 8, length, next: pos + 8 + padded };
}
