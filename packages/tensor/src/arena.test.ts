import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/backends';
import { ARENA_SLACK, createArena } from './arena';
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
