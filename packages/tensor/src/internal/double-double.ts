// Error-free transformations and double-double arithmetic (value = hi + lo, |lo| ≤ ulp(hi)/2).
// @see T. J. Dekker, "A floating-point technique for extending the available precision" (1971)

/** A double-double number: the unevaluated sum hi + lo. */
export interface DoubleDouble {
  hi: number;
  lo: number;
}

const SPLITTER = 134217729; // 2^27 + 1, splits a double into two 26-bit halves

/** Exact a + b as a double-double (Knuth's TwoSum). */
export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

/** Exact a · b as a double-double (Dekker's TwoProduct, no FMA in JavaScript). */
export function twoProd(a: number, b: number): DoubleDouble {
  const p = a * b;
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return { hi: p, lo: aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo };
}

function normalize(hi: number, lo: number): DoubleDouble {
  const s = hi + lo;
  return { hi: s, lo: lo - (s - hi) };
}

export function ddAdd(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  const first = normalize(s.hi, s.lo + t.hi);
  return normalize(first.hi, first.lo + t.lo);
}

export function ddMul(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const p = twoProd(a.hi, b.hi);
  return normalize(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

export function ddDiv(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const q1 = a.hi / b.hi;
  const r1 = ddAdd(a, negate(ddMul(b, { hi: q1, lo: 0 })));
  const q2 = r1.hi / b.hi;
  const r2 = ddAdd(r1, negate(ddMul(b, { hi: q2, lo: 0 })));
  const q3 = r2.hi / b.hi;
  return ddAdd(normalize(q1, q2), { hi: q3, lo: 0 });
}

function negate(a: DoubleDouble): DoubleDouble {
  return { hi: -a.hi, lo: -a.lo };
}
