import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/backends';
import { ARENA_SLACK, arenaOf, createArena } from './arena';
import { getBackend, setBackend } from './backend';
import { scratchArena } from './scratch-arena';

describe.each(BACKENDS)('createArena (%s)', (backend) => {
  it('gives zero-filled views of the asked lengths, 16-byte aligned, one memory, slack after each', () => {
    const arena = createArena([3, 0, 8, 1], { backend });
    expect(arena.backend).toBe(backend);
    expect(arena.views.map((v) => v.length)).toEqual([3, 0, 8, 1]);
    const buffer = arena.views[0].buffer;
    for (const [i, view] of arena.views.entries()) {
      expect(view.buffer).toBe(buffer);
      expect(view.byteOffset % 16).toBe(0);
      expect(Array.from(view).every((v) => v === 0)).toBe(true);
      const next = arena.views[i + 1];
      if (next !== undefined) expect(next.byteOffset - (view.byteOffset + 8 * view.length)).toBeGreaterThanOrEqual(8 * ARENA_SLACK);
    }
    expect(arena.byteLength).toBeGreaterThanOrEqual(arena.views[3].byteOffset + 8 * (1 + ARENA_SLACK));
  });

  it('runs its kernels only on its own views (the wasm kernels see nothing else)', () => {
    const arena = createArena([4, 4, 4], { backend });
    const [a, bias] = arena.views;
    a.set([1, 2, 3, 4]);
    bias.set([10, 20]);
    arena.kernels.addBias(a, bias, 2, 2, false);
    expect(Array.from(a)).toEqual([11, 22, 13, 24]);
    const foreign = new Float64Array(4);
    if (backend === 'wasm') expect(() => arena.kernels.addBias(foreign, bias, 2, 2, false)).toThrow(/not a view of this arena/);
  });

  it('hands out its spare memory as further views (zero-filled, aligned, with slack) until too little is left', () => {
    const arena = createArena([3], { backend, spare: 2 * (5 + ARENA_SLACK + 1) });
    const [first] = arena.views;
    first.fill(7);
    const a = arena.allocate(5);
    const b = arena.allocate(5);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    for (const view of [a, b] as Float64Array[]) {
      expect(view.buffer).toBe(first.buffer);
      expect(view.length).toBe(5);
      expect(view.byteOffset % 16).toBe(0);
      expect(Array.from(view)).toEqual([0, 0, 0, 0, 0]);
    }
    const [x, y] = [a, b] as Float64Array[];
    expect(x.byteOffset).toBeGreaterThanOrEqual(first.byteOffset + 8 * (3 + ARENA_SLACK));
    expect(y.byteOffset - (x.byteOffset + 8 * 5)).toBeGreaterThanOrEqual(8 * ARENA_SLACK);
    expect(arena.allocate(1)).toBeNull();
    expect(createArena([3], { backend }).allocate(1)).toBeNull();
    // The kernels run on allocated views as on the others.
    x.set([1, 2, 3, 4, 5]);
    y.set([10, 10, 10, 10, 10]);
    arena.kernels.sgdUpdate(x, y, 0.5, 5);
    expect(Array.from(x)).toEqual([-4, -3, -2, -1, 0]);
    expect(() => createArena([1], { backend, spare: -1 })).toThrow('createArena: spare must be a non-negative integer, got -1');
    expect(() => arena.allocate(0.5)).toThrow('Arena.allocate: length must be a non-negative integer, got 0.5');
  });

  it('arenaOf finds the arena of any of its views, allocated ones too, and nothing for other arrays', () => {
    const arena = createArena([4, 2], { backend, spare: 8 });
    const extra = arena.allocate(2) as Float64Array;
    expect(arenaOf(arena.views[0])).toBe(arena);
    expect(arenaOf(arena.views[1].subarray(1))).toBe(arena);
    expect(arenaOf(extra)).toBe(arena);
    expect(arenaOf(createArena([4], { backend }).views[0])).not.toBe(arena);
    expect(arenaOf(new Float64Array(4))).toBeUndefined();
  });

  it('rejects a bad length with its value', () => {
    expect(() => createArena([2, -1], { backend })).toThrow(/every length must be a non-negative integer, got -1/);
    expect(() => createArena([1.5], { backend })).toThrow(/got 1.5/);
  });
});

describe('the backend switch', () => {
  it('defaults to wasm on Node 20, switches to js and back, and names a bad backend', () => {
    expect(getBackend()).toBe('wasm');
    try {
      expect(setBackend('js')).toBe('js');
      expect(getBackend()).toBe('js');
      expect(createArena([1]).backend).toBe('js');
      expect(scratchArena(10).backend).toBe('js');
    } finally {
      setBackend('wasm');
    }
    expect(createArena([1]).backend).toBe('wasm');
    expect(() => setBackend('gpu' as 'js')).toThrow(/backend must be 'js' or 'wasm', got "gpu"/);
    expect(() => createArena([1], { backend: 'gpu' as 'js' })).toThrow(/got "gpu"/);
  });

  it('a scratch arena grows to the largest call and caches its views', () => {
    const small = scratchArena(16);
    expect(small.view(2, 4)).toBe(small.view(2, 4));
    const large = scratchArena(1_000_000);
    expect(large.view(0, 1_000_000).length).toBe(1_000_000);
    expect(scratchArena(16)).toBe(large);
  });
});
