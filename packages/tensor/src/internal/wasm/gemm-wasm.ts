import { compileWasmModule, growWasmMemory, instantiateWasm, type WasmMemory, type WasmModule } from '../../wasm-module';
import { GEMM_KERNELS_WASM_BASE64 } from './gemm-kernels.wasm';

interface KernelExports {
  readonly memory: WasmMemory;
  packPanels(b: number, k: number, m: number, pStride: number, jStride: number, panels: number): void;
  multiply(a: number, panels: number, c: number, n: number, k: number, m: number, aRow: number, aStep: number, chunkRows: number): void;
}

/** Larger products (operands, result and panels past 256 MiB) run in JavaScript. */
const MAX_BYTES = 2 ** 28;
/** Elements of A per row chunk: 16 Ki float64 = 128 KiB, about half an L2 cache (as in gemm.ts). */
const CHUNK_ELEMENTS = 16384;
/** Copy-out views kept at most; a training loop uses a handful of shapes. */
const MAX_VIEWS = 32;

let compiled: WasmModule | null | undefined;
let kernels: KernelExports | null | undefined;
let enabled = true;
let heap = new Float64Array(0);
/**
 * Views of the first `n·m` elements of memory (where C is), by length: copying C out takes a
 * view of exactly its length, and making one per call would allocate.
 */
const resultViews = new Map<number, Float64Array>();

/**
 * Switches the WebAssembly kernel off (`false`) or back on, so tests and the benchmark can run
 * the JavaScript kernel in the same process. On by default.
 */
export function useWebAssembly(on: boolean): void {
  enabled = on;
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/**
 * `C (n, m) = op(A) · op(B)` with the WebAssembly SIMD kernel (gemm-kernels.wat), same contract
 * and bit-identical results as {@link gemm}. The operands are copied into the module's memory,
 * laid out as C (n·m + 3 spare values for the kernel's edge spills), A, B, B's panels; the
 * memory grows to the largest product seen and is reused, so a call allocates nothing.
 * @returns false, computing nothing, when the kernel is switched off, this runtime has no
 *   WebAssembly SIMD, the product is empty (k = 0 included) or needs more than 256 MiB:
 *   the caller then runs the JavaScript kernel
 */
export function gemmWasm(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  n: number,
  k: number,
  m: number,
  transposeA: boolean,
  transposeB: boolean,
): boolean {
  if (!enabled || n === 0 || k === 0 || m === 0) return false;
  const wasm = kernels === undefined ? (kernels = createKernels()) : kernels;
  if (wasm === null) return false;
  const aAt = align16(8 * (n * m + 3));
  const bAt = aAt + align16(8 * n * k);
  const panelsAt = bAt + align16(8 * k * m);
  const total = panelsAt + 32 * k * ((m + 3) >> 2);
  if (total > heap.byteLength && !grow(wasm, total)) return false;
  heap.set(A, aAt / 8);
  heap.set(B, bAt / 8);
  wasm.packPanels(bAt, k, m, transposeB ? 8 : 8 * m, transposeB ? 8 * k : 8, panelsAt);
  const chunkRows = Math.max(4, Math.floor(CHUNK_ELEMENTS / k) & ~3);
  wasm.multiply(aAt, panelsAt, 0, n, k, m, transposeA ? 8 : 8 * k, transposeA ? 8 * n : 8, chunkRows);
  C.set(resultView(n * m));
  return true;
}

function createKernels(): KernelExports | null {
  if (compiled === undefined) compiled = compileWasmModule(GEMM_KERNELS_WASM_BASE64);
  if (compiled === null) return null;
  const exports = instantiateWasm<KernelExports>(compiled);
  heap = new Float64Array(exports.memory.buffer);
  return exports;
}

/** Grows memory to at least `bytes`; false when that is over the limit or the runtime refuses. */
function grow(wasm: KernelExports, bytes: number): boolean {
  if (bytes > MAX_BYTES || !growWasmMemory(wasm.memory, bytes)) return false;
  // Growing detaches the old buffer and every view of it.
  heap = new Float64Array(wasm.memory.buffer);
  resultViews.clear();
  return true;
}

function resultView(length: number): Float64Array {
  let view = resultViews.get(length);
  if (view === undefined) {
    if (resultViews.size >= MAX_VIEWS) resultViews.clear();
    view = heap.subarray(0, length);
    resultViews.set(length, view);
  }
  return view;
}
