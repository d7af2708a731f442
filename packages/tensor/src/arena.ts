import { type BackendName, resolveBackend } from './backend';
import { ConfigError } from './errors';
import { JS_KERNELS } from './internal/kernels/js-kernel-set';
import { createWasmKernelSet } from './internal/wasm/wasm-kernel-set';
import { kernelModules } from './internal/wasm/wasm-support';
import type { KernelSet } from './kernel-set';
import { createWasmMemory } from './wasm-module';

/** Values of slack (zeros) after every view of an arena: a kernel may write up to 3 values past an output's end. */
export const ARENA_SLACK = 4;

/** Options of {@link createArena}. */
export interface ArenaOptions {
  /** The kernels' backend; default {@link getBackend}'s. `'wasm'` falls back to `'js'` without WebAssembly SIMD. */
  readonly backend?: BackendName;
}

/**
 * One block of memory, sized once, holding every buffer of its owner (a compiled model, or an op's
 * scratch), and the kernels that run on it. With the `wasm` backend the memory is a WebAssembly
 * memory that the kernel modules import, so a kernel call passes byte offsets and copies nothing;
 * with `js` it is a plain ArrayBuffer. The views never move or detach.
 */
export interface Arena {
  /** The backend its kernels run on. */
  readonly backend: BackendName;
  /** The kernels bound to this arena's memory. */
  readonly kernels: KernelSet;
  /** One zero-filled view per requested length, in order; each starts 16-byte aligned and is followed by {@link ARENA_SLACK} values. */
  readonly views: readonly Float64Array[];
  /** Bytes of memory held. */
  readonly byteLength: number;
}

/**
 * Allocates an arena: one memory holding a zero-filled Float64Array view of each length, and the
 * kernel set of its backend bound to it.
 * @param lengths - float64 values per view, non-negative integers
 * @throws ConfigError for a negative or fractional length, or an arena past 2 GiB
 */
export function createArena(lengths: readonly number[], options: ArenaOptions = {}): Arena {
  const backend = resolveBackend(options.backend);
  const offsets: number[] = [];
  let bytes = 0;
  for (const length of lengths) {
    if (!Number.isInteger(length) || length < 0) {
      throw new ConfigError(`createArena: every length must be a non-negative integer, got ${length}`);
    }
    offsets.push(bytes);
    bytes += Math.ceil(((length + ARENA_SLACK) * 8) / 16) * 16;
  }
  if (bytes > 2 ** 31) throw new ConfigError(`createArena: ${bytes} bytes asked for, more than the 2 GiB an arena may hold`);
  let buffer: ArrayBuffer;
  let kernels: KernelSet;
  const modules = backend === 'wasm' ? kernelModules() : null;
  if (modules !== null) {
    const memory = createWasmMemory(bytes);
    buffer = memory.buffer;
    kernels = createWasmKernelSet(memory, modules);
  } else {
    buffer = new ArrayBuffer(bytes);
    kernels = JS_KERNELS;
  }
  const views = lengths.map((length, i) => new Float64Array(buffer, offsets[i], length));
  return { backend: kernels.backend, kernels, views, byteLength: buffer.byteLength };
}
