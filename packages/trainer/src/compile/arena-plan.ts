import { type Arena, type BackendName, createArena } from '@lab/tensor';

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

  /** Allocates the arena (once). */
  create(backend: BackendName): Arena {
    if (this.arena === null) this.arena = createArena(this.lengths, { backend });
    return this.arena;
  }

  /** The buffer of a slot, after {@link create}. */
  view(slot: number): Float64Array {
    if (this.arena === null) throw new Error('ArenaPlan.view: create the arena first');
    return this.arena.views[slot];
  }
}
