// e^x and the logistic sigmoid, computed the way the WebAssembly kernels compute them
// (../wasm/dense-kernels.wat, $exp), operation for operation, so both kernel sets give the same
// bits. The algorithm: x = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite reduction: ln2 split into a
// high part whose product with k is exact and a low part); e^r = 1 + (r + r²·P(r)) with P the
// Taylor terms 1/2! … 1/13! (the remainder is below 2⁻⁵⁷) in Estrin's scheme, whose short
// dependency chains suit SIMD; then · 2^k as two exact powers of two, so every k from −1075 to
// 1024 works. Within about one ulp of the exact value (a test measures it against Math.exp).

const LOG2_E = Math.LOG2E; // the double the kernels use: 0x1.71547652b82fep0
/** Adding 1.5·2⁵² rounds to an integer: the ulp of numbers in [2⁵², 2⁵³) is 1. */
const ROUNDING_SHIFT = 6755399441055744;
const LN2_HIGH = 0.6931471803691238; // 32 significant bits: k·LN2_HIGH is exact for |k| < 2²⁰
const LN2_LOW = 1.9082149292705877e-10;
/** Above this e^x overflows to +∞; below UNDERFLOW it rounds to 0 (fdlibm's thresholds). */
const OVERFLOW = 709.782712893384;
const UNDERFLOW = -745.1332191019411;
/** 1/n! for n = 0 … 13 (n! is exact in a double up to 18!, so each is correctly rounded). */
const INVERSE_FACTORIAL = Float64Array.from({ length: 14 }, (_, n) => {
  let factorial = 1;
  for (let i = 2; i <= n; i++) factorial *= i;
  return 1 / factorial;
});

/** 2^e for the exponents the scaling needs, −538 … 513, each exact (built by doubling and halving). */
const POWERS_OF_TWO_FROM = -538;
const powersOfTwo = (() => {
  const powers = new Float64Array(513 - POWERS_OF_TWO_FROM + 1);
  const one = -POWERS_OF_TWO_FROM;
  powers[one] = 1;
  for (let e = one + 1; e < powers.length; e++) powers[e] = powers[e - 1] * 2;
  for (let e = one - 1; e >= 0; e--) powers[e] = powers[e + 1] / 2;
  return powers;
})();

/**
 * values[i] = e^values[i] for i in [start, end), bit-identical to the WebAssembly kernels' $exp.
 * The kernels call this on whole rows rather than {@link kernelExp} per element: a call that
 * returns a double allocates a heap number whenever V8 does not inline it.
 */
export function expInPlace(values: Float64Array, start: number, end: number): void {
  const f = INVERSE_FACTORIAL;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if (x > OVERFLOW) values[i] = Number.POSITIVE_INFINITY;
    else if (x < UNDERFLOW) values[i] = 0;
    else if (!Number.isNaN(x)) {
      const shifted = x * LOG2_E + ROUNDING_SHIFT;
      const k = shifted - ROUNDING_SHIFT;
      const r = x - k * LN2_HIGH - k * LN2_LOW;
      const r2 = r * r;
      const r4 = r2 * r2;
      const r8 = r4 * r4;
      const q0 = f[2] + f[3] * r + (f[4] + f[5] * r) * r2;
      const q2 = f[6] + f[7] * r + (f[8] + f[9] * r) * r2;
      const q4 = f[10] + f[11] * r + (f[12] + f[13] * r) * r2;
      const p = 1 + (r + r2 * (q0 + q2 * r4 + q4 * r8));
      const half = Math.floor(k / 2);
      values[i] = p * powersOfTwo[half - POWERS_OF_TWO_FROM] * powersOfTwo[k - half - POWERS_OF_TWO_FROM];
    } // else NaN, which stays
  }
}

/**
 * target[i] = 1 / (1 + e^−source[i]) for i in [start, end) (target may be source), bit-identical
 * to {@link kernelSigmoid} (negation is exact), without a call per element (see {@link expInPlace}).
 */
export function sigmoidInto(source: Float64Array, target: Float64Array, start: number, end: number): void {
  for (let i = start; i < end; i++) target[i] = -source[i];
  expInPlace(target, start, end);
  for (let i = start; i < end; i++) target[i] = 1 / (1 + target[i]);
}

const scalar = new Float64Array(1);

/** e^x, bit-identical to the WebAssembly kernels' $exp (see {@link expInPlace}). */
export function kernelExp(x: number): number {
  scalar[0] = x;
  expInPlace(scalar, 0, 1);
  return scalar[0];
}

/** The logistic sigmoid 1 / (1 + e^−z), bit-identical to the WebAssembly kernels'. */
export function kernelSigmoid(z: number): number {
  return 1 / (1 + kernelExp(-z));
}
