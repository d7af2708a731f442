import { type Arena, createArena } from './arena';
import { type BackendName, getBackend } from './backend';
import type { KernelSet } from './kernel-set';

/**
 * Work memory for the stateless ops (`matmul`, the batch-norm functions): an op copies its
 * operands in, runs the kernels on views of it and copies its results out, all within one call,
 * so nothing carries over from one call to the next and the op stays a pure function.
 */
export interface ScratchArena {
  readonly backend: BackendName;
  readonly kernels: KernelSet;
  /**
   * The view of `length` values at value offset `offset` (16-byte aligned when `offset` is even).
   * Views are cached by (offset, length), so an op called again with the same shapes allocates
   * nothing.
   */
  view(offset: number, length: number): Float64Array;
}

/** Scratch memory is never smaller than this (values), so tiny ops do not regrow it one by one. */
const MIN_LENGTH = 8192;
/** Cached views at most, per scratch; a program uses a handful of shapes. */
const MAX_VIEWS = 64;

interface Scratch extends ScratchArena {
  readonly length: number;
}

const scratches = new Map<BackendName, Scratch>();

/**
 * The shared scratch arena of the current backend ({@link getBackend}), with room for at least
 * `length` values (it is replaced by a larger one when needed, so views from an earlier call may
 * belong to an old arena). Its contents are undefined at the start of every op: an op must copy
 * in all it reads, and must not hold views or results in it past its own return.
 */
export function scratchArena(length: number): ScratchArena {
  const backend = getBackend();
  let scratch = scratches.get(backend);
  if (scratch === undefined || scratch.length < length) {
    scratch = createScratch(createArena([Math.max(MIN_LENGTH, length, 2 * (scratch?.length ?? 0))], { backend }));
    scratches.set(backend, scratch);
  }
  return scratch;
}

function createScratch(arena: Arena): Scratch {
  const heap = arena.views[0];
  const views = new Map<number, Map<number, Float64Array>>();
  let count = 0;
  return {
    backend: arena.backend,
    kernels: arena.kernels,
    length: heap.length,
    view(offset, length) {
      let byLength = views.get(offset);
      let view = byLength?.get(length);
      if (view === undefined) {
        if (count >= MAX_VIEWS) {
          views.clear();
          count = 0;
          byLength = undefined;
        }
        if (byLength === undefined) {
          byLength = new Map();
          views.set(offset, byLength);
        }
        view = heap.subarray(offset, offset + length);
        byLength.set(length, view);
        count++;
      }
      return view;
    },
  };
}
