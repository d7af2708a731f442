import { type DoubleDouble, ddAdd, ddDiv, ddMul, twoProd, twoSum } from './double-double';

// ln 2 to about 107 bits, as hi + lo.
const LN2: DoubleDouble = { hi: Math.LN2, lo: 2.3190468138462996e-17 };
const SQRT_HALF = Math.SQRT1_2;
// Enough atanh terms that the truncation error (< s²ⁿ⁺¹, |s| < 0.172) sits far below 2⁻¹⁰⁶.
const SERIES_TERMS = 24;
const INVERSE_ODD = Array.from({ length: SERIES_TERMS + 1 }, (_, n) => 1 / (2 * n + 1));
const INVERSE_ODD_LO = INVERSE_ODD.map((inv, n) => {
  // 1/(2n+1) is inexact in binary; recover its rounding error so the series stays double-double.
  const p = twoProd(inv, 2 * n + 1);
  return -(p.hi - 1 + p.lo) / (2 * n + 1);
});

/**
 * The natural logarithm of a positive finite x, correctly rounded to the nearest double.
 *
 * Why: NumPy's legacy `randn` takes `log` from the C library, which is correctly rounded
 * for practically every input, while V8's `Math.log` is only faithful (within one ulp).
 * Evaluating in double-double and rounding once makes `randn` match NumPy bit for bit.
 *
 * log x = k·ln 2 + 2·atanh(s), x = m·2ᵏ with m in [√½, √2), s = (m − 1)/(m + 1).
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  let k = 0;
  let m = x;
  // Scale subnormals into the normal range first so the exponent split below is exact.
  if (m < 2.2250738585072014e-308) {
    m *= 2 ** 64;
    k -= 64;
  }
  const exponent = Math.floor(Math.log2(m));
  m /= 2 ** exponent;
  k += exponent;
  // Math.log2 may land one off at power-of-two boundaries; fix the mantissa into [1, 2).
  while (m >= 2) {
    m /= 2;
    k += 1;
  }
  while (m < 1) {
    m *= 2;
    k -= 1;
  }
  if (m > Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  if (m < SQRT_HALF) {
    m *= 2;
    k -= 1;
  }
  const s = ddDiv({ hi: m - 1, lo: 0 }, twoSum(m, 1));
  const s2 = ddMul(s, s);
  let power = s;
  let series = s;
  for (let n = 1; n <= SERIES_TERMS; n++) {
    power = ddMul(power, s2);
    series = ddAdd(series, ddMul(power, { hi: INVERSE_ODD[n], lo: INVERSE_ODD_LO[n] }));
  }
  const logM = ddAdd(series, series);
  const result = ddAdd(ddMul(LN2, { hi: k, lo: 0 }), logM);
  return result.hi;
}
