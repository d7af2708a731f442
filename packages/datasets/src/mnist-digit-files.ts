import type { MnistDigitSource } from './mnist-digits';

const PIXELS = 784;
const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Exact powers of ten: a decimal of at most 15 digits over one of these is the correctly rounded double. */
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Node only: the ten digit classes of the `mnist` package read straight from its JSON files
 * (`src/digits/0.json` … `9.json`, each `{ "data": [pixels…] }`, 784 per image) instead of
 * importing the package, which parses all 10 000 images (21 MB of JSON) into arrays first. Each
 * file is scanned once for where its images start, and only the images `range` asks for are
 * parsed, into the same numbers `JSON.parse` gives (a decimal of at most 15 digits divided by an
 * exact power of ten is the correctly rounded double; anything else goes through `Number`).
 * @param resolveFrom - the module the package resolves from (`import.meta.url` of the caller)
 * @returns the sources, with `range` as the package's (inclusive, clamped to the last image); or
 *   null when the files cannot be found or read (no package, another layout, no Node): the caller
 *   then imports the package
 */
export async function readMnistDigitFiles(resolveFrom: string | undefined): Promise<MnistDigitSource[] | null> {
  if (resolveFrom === undefined) return null;
  try {
    // Specifiers in variables: bundlers for the browser leave them alone instead of resolving node:*.
    const [moduleApi, pathApi, fsApi] = ['node:module', 'node:path', 'node:fs/promises'];
    const [{ createRequire }, { dirname, join }, { readFile }]: [
      typeof import('node:module'),
      typeof import('node:path'),
      typeof import('node:fs/promises'),
    ] = await Promise.all([
      import(/* @vite-ignore */ /* webpackIgnore: true */ moduleApi),
      import(/* @vite-ignore */ /* webpackIgnore: true */ pathApi),
      import(/* @vite-ignore */ /* webpackIgnore: true */ fsApi),
    ]);
    const dir = join(dirname(createRequire(resolveFrom).resolve('mnist/package.json')), 'src', 'digits');
    const files = await Promise.all(Array.from({ length: 10 }, (_, digit) => readFile(join(dir, `${digit}.json`))));
    const sources = files.map((bytes) => digitSource(bytes));
    return sources.every((source) => source !== null) ? (sources as MnistDigitSource[]) : null;
  } catch {
    return null;
  }
}

/** One class's file as a source, or null when it is not a `{ "data": [numbers] }` file this reader knows. */
function digitSource(bytes: Uint8Array): MnistDigitSource | null {
  const open = bytes.indexOf(OPEN);
  const close = bytes.lastIndexOf(CLOSE);
  if (open < 0 || close < open) return null;
  // Where each value starts (one past the '[' or the comma before it): every 784th is an image's first pixel.
  const starts: number[] = [open + 1];
  let values = 1;
  let untilNext = PIXELS;
  for (let i = open + 1; i < close; i++) {
    if (bytes[i] === COMMA) {
      values++;
      if (--untilNext === 0) {
        starts.push(i + 1);
        untilNext = PIXELS;
      }
    }
  }
  const length = (values / PIXELS) | 0;
  const image = (index: number): Float64Array => {
    const pixels = new Float64Array(PIXELS);
    let at = starts[index] as number;
    for (let p = 0; p < PIXELS; p++) {
      let end = at;
      while (end < close && bytes[end] !== COMMA) end++;
      pixels[p] = parseNumber(bytes, at, end);
      at = end + 1;
    }
    return pixels;
  };
  return {
    length,
    range(start: number, end: number): Float64Array[] {
      // As the package's range: clamped to the images there are, the bounds swapped when reversed.
      let first = Math.max(0, start);
      let last = Math.min(end, length - 1);
      if (first > last) [first, last] = [last, first];
      const images: Float64Array[] = [];
      for (let i = first; i <= last; i++) images.push(image(i));
      return images;
    },
  };
}

/** The JSON number in `bytes[start, end)` (surrounding whitespace allowed), as `JSON.parse` reads it. */
function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  let from = start;
  let to = end;
  while (from < to && (bytes[from] as number) <= 32) from++;
  while (to > from && (bytes[to - 1] as number) <= 32) to--;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = from; i < to; i++) {
    const c = bytes[i] as number;
    if (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === DOT && decimals < 0) {
      decimals = 0;
    } else {
      digits = 99;
      break;
    }
  }
  if (digits > 0 && digits <= 15 && decimals !== 0) return decimals < 0 ? mantissa : mantissa / (POWERS[decimals] as number);
  // Signs, exponents, long or odd tokens: the slow, exact way (a bad token becomes NaN, which the caller reports).
  return Number(new TextDecoder().decode(bytes.subarray(from, to)) || Number.NaN);
}
