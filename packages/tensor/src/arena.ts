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
  /**
   * Values of memory kept free after the views, handed out later by {@link Arena.allocate} (for
   * buffers whose owner is not known when the arena is made: an optimizer's moments); default 0.
   * Each allocation of L values takes L + {@link ARENA_SLACK}, rounded up to an even count.
   */
  readonly spare?: number;
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
  /**
   * A further zero-filled view of `length` values from the spare memory ({@link ArenaOptions.spare}),
   * 16-byte aligned and followed by {@link ARENA_SLACK} values like the others, or null when too
   * little is left. Never freed: the arena lives as long as its owner.
   */
  allocate(length: number): Float64Array | null;
}

/** Each arena by its memory's buffer, for {@link arenaOf}. */
const arenasByBuffer = new WeakMap<ArrayBufferLike, Arena>();

/**
 * The arena `view` lies in, or undefined when it is not a view of an arena's memory. Lets code
 * that is handed arena views (an optimizer updating a compiled model's parameters) run the
 * arena's kernels on them and keep its own buffers there.
 */
export function arenaOf(view: Float64Array): Arena | undefined {
  return arenasByBuffer.get(view.buffer);
}

/** Bytes a view of `length` values takes in an arena: itself and its slack, rounded up to 16. */
function viewBytes(length: number): number {
  return Math.ceil(((length + ARENA_SLACK) * 8) / 16) * 16;
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
    bytes += viewBytes(length);
  }
  const spare = options.spare ?? 0;
  if (!Number.isInteger(spare) || spare < 0) throw new ConfigError(`createArena: spare must be a non-negative integer, got ${spare}`);
  let free = bytes;
  bytes += Math.ceil((spare * 8) / 16) * 16;
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
  const end = bytes;
  const arena: Arena = {
    backend: kernels.backend,
    kernels,
    views,
    byteLength: buffer.byteLength,
    allocate(length: number): Float64Array | null {
      if (!Number.isInteger(length) || length < 0) {
        throw new ConfigError(`Arena.allocate: length must be a non-negative integer, got ${length}`);
      }
      if (free + viewBytes(length) > end) return null;
      const view = new Float64Array(buffer, free, length);
      free += viewBytes(length);
      return view;
    },
  };
  arenasByBuffer.set(buffer, arena);
  return arena;
}
