import type { Param } from '@lab/layers';
import { ARENA_SLACK, type Arena, type BackendName, createArena } from '@lab/tensor';

/**
 * Spare arena values for two moment buffers per param (Adam's v and s), so that an optimizer can
 * keep them beside the parameters and run the arena's update kernel on all four (see
 * `OptimizerBase`); each allocation also takes its slack and alignment.
 */
export function momentsSpare(params: readonly Param[]): number {
  let spare = 0;
  for (const p of params) spare += 2 * (p.value.size + ARENA_SLACK + 2);
  return spare;
}

/**
 * Collects the buffers a compiled model needs, then allocates them all at once in one arena:
 * `reserve` hands out a slot per buffer, `create` makes the arena, `view(slot)` gives the buffer.
 */
export class ArenaPlan {
  private readonly lengths: number[] = [];
  private arena: Arena | null = null;

  /** A slot for a buffer of `length` float64 values (zero-filled when created). */
  reserve(length: number): number {
    if (this.arena !== null) throw new Error('ArenaPlan.reserve: the arena was already created');
    this.lengths.push(length);
    return this.lengths.length - 1;
  }

  /**
   * Allocates the arena (once).
   * @param spare - values kept free for `Arena.allocate` (an optimizer's moments, see `momentsSpare`)
   */
  create(backend: BackendName, spare = 0): Arena {
    if (this.arena === null) this.arena = createArena(this.lengths, { backend, spare });
    return this.arena;
  }

  /** The buffer of a slot, after {@link create}. */
  view(slot: number): Float64Array {
    if (this.arena === null) throw new Error('ArenaPlan.view: create the arena first');
    return this.arena.views[slot];
  }
}
