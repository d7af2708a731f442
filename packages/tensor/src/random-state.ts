import { type ShapeArgs, shapeFromArgs } from './create';
import { ConfigError, LabError, ShapeError } from './errors';
import { glibcLog } from './internal/glibc-log';
import { fillWasm } from './internal/wasm/mt19937-wasm';
import { isTensor, shapeSize, Tensor } from './tensor';

const N = 624;
const M = 397;
// The MT19937 constants as signed 32-bit integers (0x9908b0df, 0x80000000, 0x9d2c5680, 0xefc60000):
// kept in int32 range, V8 does the bit operations on small integers instead of boxed doubles.
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;

/** A JSON-safe snapshot of a {@link RandomState}, for checkpoints. */
export interface RandomStateSnapshot {
  readonly kind: 'MT19937';
  /** The 624 words of the Mersenne Twister state. */
  readonly key: number[];
  /** Position of the next word to temper (624 = regenerate first). */
  readonly pos: number;
  /** Whether the polar method's second value is cached, and that value. */
  readonly hasGauss: boolean;
  readonly gauss: number;
}

/**
 * NumPy's legacy `np.random.RandomState`, reproduced bit for bit: MT19937 seeded with
 * `init_genrand`, 53-bit `rand`, polar Box–Muller `randn` that caches its second value,
 * `normal` on the same cache, and masked rejection sampling for `randint`/`permutation`/`shuffle`.
 *
 * `randn` and `normal` are bit-exact too: the polar method's `log` is glibc's, reproduced
 * (internal/glibc-log.ts), which is what NumPy calls on Linux; `Math.log` differs from it in
 * about 7 % of these inputs, a correctly rounded log in about 1 in 1 200.
 */
export class RandomState {
  /** The state words, as signed 32-bit integers (the same bits): V8 keeps them small integers. */
  private readonly key = new Int32Array(N);
  private pos = N;
  private hasGauss = false;
  private gauss = 0;

  /** @param seed - an integer in [0, 2³²−1], as `np.random.seed` accepts */
  constructor(seed = 0) {
    this.seed(seed);
  }

  /**
   * Reseeds (MT19937 `init_genrand`) and forgets the cached normal value, like `np.random.seed(s)`.
   * @throws ConfigError when seed is not an integer in [0, 2³²−1]
   */
  seed(seed: number): this {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new ConfigError(`RandomState.seed: seed must be an integer in [0, 4294967295], got ${seed}`);
    }
    const key = this.key;
    key[0] = seed | 0;
    for (let i = 1; i < N; i++) {
      const prev = key[i - 1];
      key[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) | 0;
    }
    this.pos = N;
    this.hasGauss = false;
    this.gauss = 0;
    return this;
  }

  /** The next raw 32-bit output of MT19937, as an unsigned integer. */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** One uniform double in [0, 1) with 53 random bits (NumPy's `random_sample`). */
  nextDouble(): number {
    return toDouble(this.nextInt32(), this.nextInt32());
  }

  /**
   * Fills `target[start, end)` with the next uniform doubles in [0, 1): exactly the values
   * `end − start` calls of {@link nextDouble} would return, in order, leaving the generator in
   * the same state as they would (scalar and bulk draws interleave freely, `getState` sees no
   * difference). MT19937 and the doubles are made in WebAssembly SIMD where the runtime has it
   * (internal/wasm/mt19937.wat), several times faster than a `nextDouble` loop; else in JavaScript.
   * @param target - written from `start` (default 0) up to `end` (default `target.length`), exclusive
   * @returns target
   * @throws RangeError when start and end are not integers with 0 ≤ start ≤ end ≤ target.length
   */
  fillUniform(target: Float64Array, start = 0, end = target.length): Float64Array {
    checkSpan('fillUniform', target, start, end);
    const pos = fillWasm(this.key, this.pos, target, start, end);
    if (pos >= 0) this.pos = pos;
    else this.fillJs(target, start, end);
    return target;
  }

  /**
   * Fills `target[start, end)` with a dropout mask: 1 where the next uniform double is
   * < keepProb, else 0 — the course's `rand(...) < keep_prob`, from the same draws as
   * {@link fillUniform} (one double per entry), in one pass.
   * @param target - written from `start` (default 0) up to `end` (default `target.length`), exclusive
   * @param keepProb - probability of a 1, in [0, 1]
   * @returns target
   * @throws ConfigError when keepProb is not in [0, 1]; RangeError as {@link fillUniform}
   */
  fillMask(target: Float64Array, keepProb: number, start = 0, end = target.length): Float64Array {
    if (!(keepProb >= 0 && keepProb <= 1)) throw new ConfigError(`RandomState.fillMask: keepProb must be in [0, 1], got ${keepProb}`);
    checkSpan('fillMask', target, start, end);
    const pos = fillWasm(this.key, this.pos, target, start, end, keepProb);
    if (pos >= 0) this.pos = pos;
    else this.fillJs(target, start, end, keepProb);
    return target;
  }

  /**
   * Fills `rows` spans of `target` with dropout masks, in order: `[start, start + length)`, then
   * each `stride` further on — exactly what as many {@link fillMask} calls would write, from the
   * same draws, in one pass (e.g. a feature-major mask: one span of N examples per unit).
   * @param target - written in the spans only
   * @param keepProb - probability of a 1, in [0, 1]
   * @param stride - from one span's start to the next, ≥ length
   * @returns target
   * @throws ConfigError when keepProb is not in [0, 1]; RangeError when the spans are not integers
   *   inside target, or overlap
   */
  fillMaskRows(target: Float64Array, keepProb: number, start: number, length: number, rows: number, stride: number): Float64Array {
    if (!(keepProb >= 0 && keepProb <= 1)) throw new ConfigError(`RandomState.fillMaskRows: keepProb must be in [0, 1], got ${keepProb}`);
    // Checked one by one: an array of them would be garbage at every training step.
    const integers = Number.isInteger(start) && Number.isInteger(length) && Number.isInteger(rows) && Number.isInteger(stride);
    if (!integers || rows < 0 || length < 0 || stride < length) {
      throw new RangeError(
        `RandomState.fillMaskRows: need integers rows >= 0, 0 <= length <= stride, got length=${length}, rows=${rows}, stride=${stride}`,
      );
    }
    if (rows === 0) return target;
    checkSpan('fillMaskRows', target, start, start + (rows - 1) * stride + length);
    const pos = fillWasm(this.key, this.pos, target, start, start + length, keepProb, rows, stride);
    if (pos >= 0) this.pos = pos;
    else for (let row = 0; row < rows; row++) this.fillJs(target, start + row * stride, start + row * stride + length, keepProb);
    return target;
  }

  /** The JavaScript path of fillUniform/fillMask: the nextDouble loop with the state in locals. */
  private fillJs(target: Float64Array, start: number, end: number, keepProb?: number): void {
    const key = this.key;
    let pos = this.pos;
    for (let i = start; i < end; i++) {
      if (pos >= N) {
        this.twist();
        pos = 0;
      }
      const first = temper(key[pos++]);
      if (pos >= N) {
        this.twist();
        pos = 0;
      }
      const u = toDouble(first, temper(key[pos++]));
      target[i] = keepProb === undefined ? u : u < keepProb ? 1 : 0;
    }
    this.pos = pos;
  }

  /**
   * The next tempered MT19937 word as a signed 32-bit integer (the same bits as nextUint32).
   * Staying in int32 range is what makes the generator fast in V8: an unsigned result above
   * 2³¹ would be a boxed double (about 3× slower per draw, measured).
   */
  private nextInt32(): number {
    if (this.pos >= N) this.twist();
    return temper(this.key[this.pos++]);
  }

  /** One standard normal value: legacy polar Box–Muller, returning the cached second value first. */
  nextGaussian(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** Uniform samples in [0, 1): `rand(2, 3)` is `(2, 3)`, like `np.random.rand(2, 3)`. */
  rand(...shape: ShapeArgs): Tensor {
    const dims = shapeFromArgs(shape);
    const data = new Float64Array(shapeSize(dims));
    for (let i = 0; i < data.length; i++) data[i] = this.nextDouble();
    return new Tensor(data, dims);
  }

  /** Standard normal samples: `randn(3, 5)` is `(3, 5)`, like `np.random.randn(3, 5)`. */
  randn(...shape: ShapeArgs): Tensor {
    const dims = shapeFromArgs(shape);
    const data = new Float64Array(shapeSize(dims));
    for (let i = 0; i < data.length; i++) data[i] = this.nextGaussian();
    return new Tensor(data, dims);
  }

  /**
   * Uniform integers in [low, high), like `np.random.randint(low, high, size=shape)`.
   * @throws ConfigError when high <= low or the bounds are not integers
   */
  randint(low: number, high: number, shape: readonly number[] = []): Tensor {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new ConfigError(`RandomState.randint: need integers low < high, got low=${low}, high=${high}`);
    }
    const span = high - low - 1;
    if (span > 0xffffffff) throw new ConfigError(`RandomState.randint: range ${span + 1} exceeds 2^32`);
    const data = new Float64Array(shapeSize(shape));
    for (let i = 0; i < data.length; i++) data[i] = low + this.boundedUint32(span);
    return new Tensor(data, shape);
  }

  /**
   * Normal samples `loc + scale·z`, like `np.random.normal(loc, scale, size)`: z comes from the
   * same polar method and cache as {@link randn}, so `normal` and `randn` calls interleave
   * exactly as in NumPy (an odd count leaves a value cached for the next call of either).
   * @param shape - the shape of the result (default `[]`: a 0-D tensor holding one draw, `.item()`)
   * @returns `shape`
   * @throws ConfigError when loc or scale is not finite, or scale < 0
   */
  normal(loc = 0, scale = 1, shape: readonly number[] = []): Tensor {
    if (!Number.isFinite(loc)) throw new ConfigError(`RandomState.normal: loc must be finite, got ${loc}`);
    if (!(Number.isFinite(scale) && scale >= 0))
      throw new ConfigError(`RandomState.normal: scale must be a finite number >= 0, got ${scale}`);
    const data = new Float64Array(shapeSize(shape));
    // loc + scale·z as NumPy's legacy_normal writes it (no fused multiply-add): bit for bit.
    for (let i = 0; i < data.length; i++) data[i] = loc + scale * this.nextGaussian();
    return new Tensor(data, shape);
  }

  /**
   * A random ordering of 0..n−1, like `np.random.permutation(n)`: {@link shuffle} of `0..n−1`.
   * @returns (n,) integers as float64
   */
  permutation(n: number): Tensor {
    if (!Number.isInteger(n) || n < 0) throw new ConfigError(`RandomState.permutation: n must be a non-negative integer, got ${n}`);
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = i;
    this.shuffle(data);
    return new Tensor(data, [n]);
  }

  /**
   * Shuffles in place along the first axis, exactly as `np.random.shuffle`: Fisher–Yates from
   * the end, for i = n−1 … 1 swap item i with item j, j a uniform integer in [0, i] drawn by
   * masked rejection (NumPy's `random_interval`). The draws depend only on n: a tensor
   * (N, …) has its rows (N sub-arrays) permuted, a 1-D tensor or an array its elements.
   * @param x - a tensor of at least 1 dimension, a number array or a typed array; mutated
   * @throws ShapeError when x is a 0-D tensor
   */
  shuffle(x: Tensor | { length: number; [index: number]: number }): void {
    if (!isTensor(x)) {
      for (let i = x.length - 1; i > 0; i--) {
        const j = this.boundedUint32(i);
        const tmp = x[i];
        x[i] = x[j];
        x[j] = tmp;
      }
      return;
    }
    if (x.shape.length === 0) throw new ShapeError('RandomState.shuffle', [x.shape], 'a 0-D tensor has no axis to shuffle');
    const rows = x.shape[0];
    const width = rows === 0 ? 0 : x.data.length / rows;
    if (width === 1) {
      this.shuffle(x.data);
      return;
    }
    const data = x.data;
    const row = new Float64Array(width);
    for (let i = rows - 1; i > 0; i--) {
      const j = this.boundedUint32(i);
      if (j === i) continue;
      row.set(data.subarray(i * width, (i + 1) * width));
      data.copyWithin(i * width, j * width, (j + 1) * width);
      data.set(row, j * width);
    }
  }

  /** A JSON-safe copy of the full state; `setState` restores it exactly. */
  getState(): RandomStateSnapshot {
    const key = Array.from(this.key, (word) => word >>> 0);
    return { kind: 'MT19937', key, pos: this.pos, hasGauss: this.hasGauss, gauss: this.gauss };
  }

  /**
   * Restores a state from {@link getState}.
   * @throws LabError when the snapshot is malformed
   */
  setState(state: RandomStateSnapshot): this {
    const valid =
      state?.kind === 'MT19937' &&
      Array.isArray(state.key) &&
      state.key.length === N &&
      state.key.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) &&
      Number.isInteger(state.pos) &&
      state.pos >= 0 &&
      state.pos <= N &&
      typeof state.hasGauss === 'boolean' &&
      typeof state.gauss === 'number';
    if (!valid) throw new LabError('RandomState.setState: not an MT19937 snapshot from getState()');
    this.key.set(state.key); // Int32Array stores each word modulo 2³²: the same bits
    this.pos = state.pos;
    this.hasGauss = state.hasGauss;
    this.gauss = state.gauss;
    return this;
  }

  /** A uniform integer in [0, max] by masked rejection sampling (NumPy's legacy `random_interval`). */
  private boundedUint32(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextInt32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  private twist(): void {
    // `-(y & 1) & MATRIX_A` rather than `y & 1 ? MATRIX_A : 0`: the low bit is random, so the
    // branch would be mispredicted half the time (the twist ran about 3× slower with it, measured).
    const key = this.key;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      const y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M - N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }
}

/** MT19937's tempering of one state word (signed 32-bit in, signed 32-bit out). */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & TEMPER_B;
  y ^= (y << 15) & TEMPER_C;
  return y ^ (y >>> 18);
}

/** Two tempered words → a double in [0, 1): 27 high bits of the first and 26 of the second, as NumPy. */
function toDouble(first: number, second: number): number {
  return ((first >>> 5) * 67108864 + (second >>> 6)) / 9007199254740992;
}

/** @throws RangeError unless start and end are integers with 0 ≤ start ≤ end ≤ target.length */
function checkSpan(op: string, target: Float64Array, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > target.length) {
    throw new RangeError(`RandomState.${op}: need integers 0 <= start <= end <= ${target.length}, got start=${start}, end=${end}`);
  }
}
