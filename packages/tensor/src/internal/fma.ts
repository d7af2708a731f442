// A correctly rounded fused multiply-add, a·b + c with one rounding, for JavaScript (which has
// none). The C library functions that NumPy calls on x86-64 (glibc's log, sin, cos in their FMA
// variants) round each a·b + c once; reproducing their results bit for bit needs the same.
//
// The exact product a·b = p + e (Dekker's split, no FMA needed), then c + p = s + t exactly
// (TwoSum), then the rounding of s + (t + e) is made correct by adding t + e rounded to odd.
// @see S. Boldo, G. Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms
//   using rounding to odd", IEEE Transactions on Computers 57(4), 2008 (their algorithm 5.4)
//
// Valid for finite operands whose product neither overflows nor underflows (|a|, |b| < 2⁹⁹⁶,
// |a·b| > 2⁻⁹⁶⁹): true of every call in this package.

const SPLITTER = 134217729; // 2²⁷ + 1
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer); // [low, high] on little-endian hosts, as in every JS engine in use
const LOW = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/** a·b + c rounded once to the nearest double (ties to even), like C's `fma`. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  let split = SPLITTER * a;
  const aHi = split - (split - a);
  const aLo = a - aHi;
  split = SPLITTER * b;
  const bHi = split - (split - b);
  const bLo = b - bHi;
  const e = aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
  const s = c + p;
  const cPart = s - p;
  const t = c - cPart + (p - (s - cPart));
  let v = t + e;
  const tPart = v - t;
  const error = t - (v - tPart) + (e - tPart);
  if (error !== 0) {
    // Round to odd: when the nearest value v is even, take its neighbour towards the exact sum.
    scratch[0] = v;
    if ((words[LOW] & 1) === 0) {
      if (error > 0 === v > 0) {
        words[LOW] += 1;
        if (words[LOW] === 0) words[HIGH] += 1;
      } else {
        if (words[LOW] === 0) words[HIGH] -= 1;
        words[LOW] -= 1;
      }
      v = scratch[0];
    }
  }
  return s + v;
}
