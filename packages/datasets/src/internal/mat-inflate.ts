import { Unzlib } from 'fflate';
import { DatasetError } from '../dataset-error';
import { MAX_DEFLATE_RATIO } from './mat-constants';
import { failAt, type MatSite } from './mat-site';

/** Compressed input is fed in slices this long, so no single step can inflate more than about 66 MB. */
const SLICE = 1 << 16;

/**
 * Inflates the zlib stream of an miCOMPRESSED element. The element inside declares its
 * size in its first 8 bytes; inflation stops with an error as soon as the output passes
 * that size (plus up to 7 padding bytes) or `maxBytes`, so a corrupt or hostile stream
 * cannot exhaust memory. The zlib Adler-32 checksum is verified (fflate does not).
 * @param compressed - the element's data: a zlib stream (2-byte header, deflate, Adler-32)
 * @returns the inflated bytes: one complete data element, tag included
 * @throws DatasetError on a bad zlib header, corrupt deflate data, a checksum mismatch or an oversized stream
 */
export function inflateElement(compressed: Uint8Array, little: boolean, maxBytes: number, site: MatSite): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let limit = Math.min(maxBytes, compressed.length * MAX_DEFLATE_RATIO + 64);
  let declared = -1;
  const inflater = new Unzlib((chunk) => {
    chunks.push(chunk);
    total += chunk.length;
    if (declared < 0 && total >= 8) {
      declared = peekLength(chunks, little);
      if (8 + declared > limit) {
        failAt(
          site,
          `compressed element declares ${declared} bytes inside, more than the limit of ${limit} for ${compressed.length} compressed bytes`,
        );
      }
      limit = 8 + declared + 7;
    }
    if (total > limit) failAt(site, `compressed element inflates to more than ${limit} bytes`);
  });
  try {
    for (let start = 0; start < compressed.length; start += SLICE) {
      const end = Math.min(start + SLICE, compressed.length);
      inflater.push(compressed.subarray(start, end), end === compressed.length);
    }
    if (compressed.length === 0) inflater.push(compressed, true);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    failAt(site, `corrupt compressed data (zlib: ${error instanceof Error ? error.message : String(error)})`);
  }
  const out = concat(chunks, total);
  if (compressed.length >= 6) {
    const tail = compressed.length - 4;
    const expected = ((compressed[tail] << 24) | (compressed[tail + 1] << 16) | (compressed[tail + 2] << 8) | compressed[tail + 3]) >>> 0;
    if (adler32(out) !== expected) failAt(site, 'corrupt compressed data (zlib checksum mismatch)');
  }
  return out;
}

/** The byte count in the tag at the start of the inflated output (the chunks hold at least 8 bytes). */
function peekLength(chunks: readonly Uint8Array[], little: boolean): number {
  const head = concat(chunks, 8).subarray(0, 8);
  return new DataView(head.buffer, head.byteOffset, 8).getUint32(4, little);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].length === total) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.length, total - offset);
    out.set(chunk.subarray(0, take), offset);
    offset += take;
    if (offset === total) break;
  }
  return out;
}

/** Adler-32 (RFC 1950 §8.2): two running sums mod 65521, reduced every 5552 bytes so they stay exact. */
function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
