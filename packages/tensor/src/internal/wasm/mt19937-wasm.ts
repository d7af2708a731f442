import { getBackend } from '../../backend';
import { compileWasmModule, instantiateWasm, type WasmMemory, type WasmModule } from '../../wasm-module';
import { MT19937_WASM_BASE64 } from './mt19937.wasm';

interface GeneratorExports {
  readonly memory: WasmMemory;
  fill(pos: number, out: number, count: number, mask: number, threshold: number): number;
}

/** MT19937's state: 624 words at byte 0 of the module's memory. */
const STATE_WORDS = 624;
/** Where the doubles go: past the state, 16-byte aligned. */
const OUT_BYTE = 2560;
/** Doubles per call of the kernel: what fits in the module's two 64 KiB pages after the state. */
const CHUNK = (2 * 65536 - OUT_BYTE) / 8;
/** Copy-out views kept at most, by length (a training step draws a few fixed sizes). */
const MAX_VIEWS = 16;

let compiled: WasmModule | null | undefined;
let kernel: GeneratorExports | null | undefined;
let state = new Int32Array(0);
let output = new Float64Array(0);
const views = new Map<number, Float64Array>();

/**
 * Writes `end − start` draws into `target[start, end)` with the WebAssembly SIMD generator
 * (mt19937.wat), continuing the stream of `key` at word `pos`: the doubles `nextDouble()` would
 * return, or with `keepProb` given, 1 where that double is < keepProb and 0 elsewhere. `key` is
 * copied in, advanced, and copied back; the module's memory never grows, long fills go in chunks.
 * @param key - the 624 MT19937 state words (updated in place)
 * @param pos - the next word to temper, 0 … 624 (624: twist first)
 * @param rows - fill this many spans, `[start, end)` then each `stride` further on, in that order:
 *   the draws of as many calls, with the state copied in and out once (a feature-major dropout
 *   mask is one span per unit)
 * @returns the new position, or -1, drawing nothing, when the backend is `js` (`setBackend`) or
 *   this runtime has no WebAssembly SIMD: the caller then runs its JavaScript loop
 */
export function fillWasm(
  key: Int32Array,
  pos: number,
  target: Float64Array,
  start: number,
  end: number,
  keepProb?: number,
  rows = 1,
  stride = 0,
): number {
  if (getBackend() !== 'wasm') return -1;
  const wasm = kernel === undefined ? (kernel = createKernel()) : kernel;
  if (wasm === null) return -1;
  state.set(key);
  const mask = keepProb === undefined ? 0 : 1;
  const threshold = keepProb ?? 0;
  let next = pos;
  for (let row = 0, offset = 0; row < rows; row++, offset += stride) {
    for (let at = start + offset; at < end + offset; at += CHUNK) {
      const count = Math.min(CHUNK, end + offset - at);
      next = wasm.fill(next, OUT_BYTE, count, mask, threshold);
      target.set(view(count), at);
    }
  }
  key.set(state);
  return next;
}

function createKernel(): GeneratorExports | null {
  if (compiled === undefined) compiled = compileWasmModule(MT19937_WASM_BASE64);
  if (compiled === null) return null;
  const exports = instantiateWasm<GeneratorExports>(compiled);
  state = new Int32Array(exports.memory.buffer, 0, STATE_WORDS);
  output = new Float64Array(exports.memory.buffer, OUT_BYTE, CHUNK);
  return exports;
}

/** The first `length` output doubles, a view made once per length (no allocation per call). */
function view(length: number): Float64Array {
  if (length === CHUNK) return output;
  let cached = views.get(length);
  if (cached === undefined) {
    if (views.size >= MAX_VIEWS) views.clear();
    cached = output.subarray(0, length);
    views.set(length, cached);
  }
  return cached;
}
