import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { assembleWat, renderWasmModule } from '../../../../../scripts/wat-module.mjs';
import { setBackend } from '../../backend';
import { RandomState } from '../../random-state';
import { MT19937_WASM_BASE64 } from './mt19937.wasm';
import { fillWasm } from './mt19937-wasm';

/** A fresh generator's state words, as RandomState seeds them. */
function seededKey(seed: number): Int32Array {
  const key = new Int32Array(624);
  key[0] = seed;
  for (let i = 1; i < 624; i++) key[i] = (Math.imul(1812433253, key[i - 1] ^ (key[i - 1] >>> 30)) + i) | 0;
  return key;
}

describe('fillWasm, the WebAssembly MT19937 generator', () => {
  afterEach(() => {
    setBackend('wasm');
    vi.restoreAllMocks();
  });

  it('the committed module is exactly what scripts/wat-module.mjs makes from mt19937.wat', async () => {
    const bytes: Uint8Array = await assembleWat(fileURLToPath(new URL('./mt19937.wat', import.meta.url)));
    expect(MT19937_WASM_BASE64).toBe(btoa(String.fromCharCode(...bytes)));
    expect(renderWasmModule(bytes, 'MT19937_WASM_BASE64', 'mt19937.wat')).toContain(MT19937_WASM_BASE64.slice(0, 100));
  });

  it('continues a state at any position and returns the new one; declines (-1) on the js backend', () => {
    const key = seededKey(5489);
    const target = new Float64Array(3);
    // 624 = twist first; 3 doubles take 6 words.
    expect(fillWasm(key, 624, target, 0, 3)).toBe(6);
    const reference = new RandomState(5489);
    expect(Array.from(target)).toEqual([reference.nextDouble(), reference.nextDouble(), reference.nextDouble()]);
    expect(Array.from(key)).toEqual(reference.getState().key.map((w) => w | 0));
    // From position 623, the first double straddles a twist: words 623 and (new) 0.
    const straddle = new RandomState(1);
    for (let i = 0; i < 623; i++) straddle.nextUint32();
    const state = straddle.getState();
    const words = Int32Array.from(state.key);
    expect(fillWasm(words, state.pos, target, 0, 1)).toBe(1);
    expect(target[0]).toBe(straddle.nextDouble());
    setBackend('js');
    expect(fillWasm(key, 6, target, 0, 3)).toBe(-1);
  });

  it('makes no new view of its memory when called again with a length it has seen (no allocation)', () => {
    const rng = new RandomState(4);
    const target = new Float64Array(4853);
    rng.fillUniform(target);
    const subarray = vi.spyOn(Float64Array.prototype, 'subarray');
    rng.fillUniform(target);
    rng.fillMask(target, 0.86);
    expect(subarray).not.toHaveBeenCalled();
  });

  it('declines on a runtime without WebAssembly SIMD, and RandomState then fills in JavaScript', async () => {
    vi.resetModules();
    vi.doMock('../../wasm-module', () => ({ compileWasmModule: () => null, instantiateWasm: () => null }));
    try {
      const fresh = await import('./mt19937-wasm');
      const { RandomState: FreshRandomState } = await import('../../random-state');
      expect(fresh.fillWasm(seededKey(1), 624, new Float64Array(2), 0, 2)).toBe(-1);
      const filled = new FreshRandomState(8).fillUniform(new Float64Array(700));
      const scalar = new RandomState(8);
      expect(Array.from(filled)).toEqual(Array.from({ length: 700 }, () => scalar.nextDouble()));
    } finally {
      vi.doUnmock('../../wasm-module');
      vi.resetModules();
    }
  });
});
