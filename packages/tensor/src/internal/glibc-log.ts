import { fma } from './fma';
import { LN2_HI, LN2_LO, LOG_POLY, LOG_POLY1, LOG_TABLE } from './glibc-data';

// glibc's log (since 2.28: ARM's optimized-routines algorithm) as its x86-64 FMA variant computes
// it, which glibc picks on every CPU with FMA and AVX2 (2013 on). NumPy's legacy `randn` takes
// its log from there, and glibc's log is not correctly rounded (about 1 result in 1 200 of the
// polar method's inputs differs from the correctly rounded one), so matching NumPy bit for bit
// means doing exactly what that code does: the same table, the same polynomial, and a fused
// multiply-add wherever the compiler fused one (read off the machine code; `fma` below).
// glibc's variant for CPUs without FMA rounds differently in about 1 result in 10 000.
//
// log x = k·ln 2 + log c + log1p(r), x = 2ᵏ·z, z in [0x1.6p-1, 0x1.6p0), c the centre of z's
// 1/128-wide subinterval, r = z/c − 1; near 1 a polynomial of x − 1 alone.

const [A0, A1, A2, A3, A4] = LOG_POLY;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = LOG_POLY1;
const TWO_27 = 134217728;

const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);
const HIGH = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0; // the sign/exponent word
const DBL_MIN = 2.2250738585072014e-308;

/** glibc's `log(x)` (x86-64, FMA variant), bit for bit: NaN below 0, −Infinity at 0. */
export function glibcLog(x: number): number {
  if (x >= 0.9375 && x < 1.064697265625) return x === 1 ? 0 : nearOne(x - 1);
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Math.log(x); // 0, negative, NaN, ∞: no rounding involved
  // The 64-bit integer steps of the C code touch only the high word: OFF = 0x3fe6000000000000.
  scratch[0] = x < DBL_MIN ? x * 2 ** 52 : x; // a subnormal is scaled up and k lowered by 52
  const high = words[HIGH] - (x < DBL_MIN ? 52 << 20 : 0);
  const tmp = (high - 0x3fe60000) | 0;
  const i = (tmp >>> 13) & 127;
  const k = tmp >> 20;
  words[HIGH] = high - (tmp & 0xfff00000);
  const z = scratch[0];
  const invc = LOG_TABLE[2 * i];
  const logc = LOG_TABLE[2 * i + 1];
  const r = fma(z, invc, -1);
  const w = k * LN2_HI + logc; // k·LN2_HI is exact: fused or not, one rounding
  const hi = w + r;
  const lo = fma(k, LN2_LO, w - hi + r);
  const r2 = r * r;
  const q = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, q, fma(r2, A0, lo)) + hi;
}

/** log(1 + r) for x = 1 + r near 1. */
function nearOne(r: number): number {
  const r2 = r * r;
  const r3 = r * r2;
  let p = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
  p = fma(p, r3, fma(r2, B6, fma(r, B5, B4)));
  p = fma(p, r3, fma(r2, B3, fma(r, B2, B1)));
  // r = rhi + rlo with rhi's square exact; B0 = −0.5, so these products are exact too.
  const rhi = r + r * TWO_27 - r * TWO_27;
  const rlo = r - rhi;
  const hi = r + rhi * rhi * B0;
  const lo = fma(B0 * rlo, r + rhi, r - hi + rhi * rhi * B0);
  return hi + fma(p, r3, lo);
}
