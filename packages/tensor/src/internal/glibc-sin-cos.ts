import { fma } from './fma';
import { BIG, CS2, CS4, CS6, HP0, HP1, HPINV, MP1, MP2, PP3, PP4, S1, S2, S3, S4, S5, SINCOS_TABLE, SN3, SN5, TOINT } from './glibc-data';

// glibc's sin and cos (the IBM Accurate Mathematical Library, without its slow exact paths since
// glibc 2.28) as their x86-64 FMA variants compute them, which glibc picks on every CPU with FMA
// and AVX2. NumPy's float64 `np.sin`/`np.cos` call them (except NumPy ≥ 1.22 on CPUs with
// AVX-512, which uses its own SVML routines). They are not correctly rounded (about 1 input in
// 400 of scikit-learn's circle angles gets a result one ulp off the exact one, and V8's Math.sin
// and Math.cos differ from them on about 1 in 30), so matching NumPy bit for bit means doing what
// that code does: the same table, polynomials and range reduction, and a fused multiply-add
// wherever the compiler fused one (read off the machine code).
//
// sin(x + dx) for |x| ≤ 0.855: a Taylor polynomial below 0.126, else the table's sin and cos of
// the nearest k/128 combined with short polynomials of the rest. Larger |x| is reduced by π/2
// (2.426 at most: one subtraction; up to 105 414 336: π/2 in four parts, to 136 bits).

const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);
const LOW = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;

/** The low 32 bits of a double's bit pattern. */
function lowWord(x: number): number {
  scratch[0] = x;
  return words[LOW];
}

/** sin(x + dx), |x| < 0.855469, dx a small correction (0 when x is exact). */
function sinOf(x: number, dx: number): number {
  if (Math.abs(x) < 0.126) {
    const xx = x * x;
    const poly = fma(fma(fma(fma(S5, xx, S4), xx, S3), xx, S2), xx, S1);
    return x + fma(fma(poly, x, -0.5 * dx), xx, dx);
  }
  const d = x <= 0 ? -dx : dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const k = lowWord(u) << 2;
  const r = ax - (u - BIG);
  const rr = r * r;
  const s = r + fma(r * rr, fma(rr, SN5, SN3), d);
  const c = fma(r, d, rr * fma(rr, fma(rr, CS6, CS4), CS2));
  const sn = SINCOS_TABLE[k];
  const cor = fma(s, SINCOS_TABLE[k + 2], fma(-c, sn, fma(s, SINCOS_TABLE[k + 3], SINCOS_TABLE[k + 1])));
  const result = sn + cor;
  return x < 0 ? -result : result;
}

/** cos(x + dx), |x| < 0.855469. */
function cosOf(x: number, dx: number): number {
  const d = x < 0 ? -dx : dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const k = lowWord(u) << 2;
  const r = ax - (u - BIG) + d;
  const rr = r * r;
  const s = fma(r * rr, fma(rr, SN5, SN3), r);
  const c = rr * fma(rr, fma(rr, CS6, CS4), CS2);
  const cs = SINCOS_TABLE[k + 2];
  const cor = fma(-s, SINCOS_TABLE[k], fma(-c, cs, fma(-s, SINCOS_TABLE[k + 1], SINCOS_TABLE[k + 3])));
  return cs + cor;
}

/** |x| from which glibc reduces by π/2 with its multi-word 2/π instead (high word 0x419921fb). */
export const GLIBC_SIN_COS_LIMIT = 105414336;

/**
 * x reduced by π/2: x = n·π/2 + a + da, |a + da| ≤ π/4. Returns n mod 4 and leaves a, da in
 * `reduced` (a module-level pair, to allocate nothing per call).
 */
const reduced = { a: 0, da: 0 };
function reduce(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  const y = fma(-xn, MP2, fma(-xn, MP1, x));
  const t2 = fma(-xn, PP3, y);
  const db = fma(-xn, PP3, y - t2);
  const b = fma(-xn, PP4, t2);
  reduced.a = b;
  reduced.da = db + fma(-xn, PP4, t2 - b);
  return lowWord(t) & 3;
}

/** sin or cos of a + da in quadrant n. */
function inQuadrant(n: number): number {
  const value = n & 1 ? cosOf(reduced.a, reduced.da) : sinOf(reduced.a, reduced.da);
  return n & 2 ? -value : value;
}

/**
 * glibc's `sin(x)` (x86-64, FMA variant), bit for bit for |x| < 105 414 336; beyond that glibc
 * reduces the argument with a multi-word 2/π (not reproduced here) and this returns `Math.sin(x)`.
 */
export function glibcSin(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -26) return x;
  if (ax < 0.85546875) return sinOf(x, 0);
  if (ax < 2.4262638092041016) {
    const value = cosOf(HP0 - ax, HP1);
    return x < 0 ? -value : value;
  }
  if (ax < GLIBC_SIN_COS_LIMIT) return inQuadrant(reduce(x));
  return Math.sin(x);
}

/** glibc's `cos(x)` (x86-64, FMA variant), bit for bit for |x| < 105 414 336; else `Math.cos(x)`. */
export function glibcCos(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -27) return 1;
  if (ax < 0.85546875) return cosOf(x, 0);
  if (ax < 2.4262638092041016) {
    const y = HP0 - ax;
    const a = y + HP1;
    return sinOf(a, y - a + HP1);
  }
  if (ax < GLIBC_SIN_COS_LIMIT) return inQuadrant(reduce(x) + 1);
  return Math.cos(x);
}
