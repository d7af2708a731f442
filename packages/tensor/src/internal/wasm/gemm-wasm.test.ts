import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { assembleWat, renderWasmModule } from '../../../../../scripts/wat-module.mjs';
import { RandomState } from '../../random-state';
import { gemm } from '../gemm';
import { GEMM_KERNELS_WASM_BASE64 } from './gemm-kernels.wasm';
import { gemmWasm, useWebAssembly } from './gemm-wasm';

/** The naive i-j-p loop on row-major buffers, `op(A)` `(n, k)` and `op(B)` `(k, m)`. */
function naive(A: Float64Array, B: Float64Array, n: number, k: number, m: number, transposeA: boolean, transposeB: boolean) {
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[transposeA ? p * n + i : i * k + p] * B[transposeB ? j * k + p : p * m + j];
      C[i * m + j] = s;
    }
  }
  return C;
}

function operands(n: number, k: number, m: number, seed: number) {
  const rng = new RandomState(seed);
  return { A: rng.randn(n * k).data, B: rng.randn(k * m).data };
}

describe('gemmWasm, the WebAssembly SIMD kernel', () => {
  afterEach(() => {
    useWebAssembly(true);
    vi.restoreAllMocks();
  });

  it('the committed module is exactly what scripts/wat-module.mjs makes from gemm-kernels.wat', async () => {
    const bytes: Uint8Array = await assembleWat(fileURLToPath(new URL('./gemm-kernels.wat', import.meta.url)));
    expect(GEMM_KERNELS_WASM_BASE64).toBe(btoa(String.fromCharCode(...bytes)));
    expect(renderWasmModule(bytes, 'GEMM_KERNELS_WASM_BASE64', 'gemm-kernels.wat')).toContain(GEMM_KERNELS_WASM_BASE64.slice(0, 100));
  });

  it('runs on Node 20, and declines when switched off or when the product is empty', () => {
    const { A, B } = operands(3, 2, 5, 1);
    const C = new Float64Array(15);
    expect(gemmWasm(A, B, C, 3, 2, 5, false, false)).toBe(true);
    expect(C).toEqual(naive(A, B, 3, 2, 5, false, false));
    expect(gemmWasm(A, B, C, 3, 0, 5, false, false)).toBe(false);
    expect(gemmWasm(A, B, C, 0, 2, 5, false, false)).toBe(false);
    expect(gemmWasm(A, B, C, 3, 2, 0, false, false)).toBe(false);
    useWebAssembly(false);
    expect(gemmWasm(A, B, C, 3, 2, 5, false, false)).toBe(false);
  });

  // n mod 4 = 0 … 3, m mod 4 = 0 … 3 (the edge spills), m < 4, k = 1 and 2, 1×1, several row
  // chunks (k = 700 gives 20 rows per chunk), the course's shapes.
  for (const [n, k, m] of [
    [1, 1, 1],
    [2, 3, 1],
    [3, 1, 2],
    [5, 2, 3],
    [8, 4, 4],
    [7, 9, 6],
    [9, 20, 7],
    [61, 700, 6],
    [23, 300, 9],
    [211, 2, 20],
    [211, 20, 3],
    [211, 3, 1],
  ] as const) {
    it(`equals the naive loop and the JavaScript kernel bit for bit at (${n}, ${k}) @ (${k}, ${m}), all four transposes`, () => {
      const { A, B } = operands(n, k, m, n + k + m);
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const expected = naive(A, B, n, k, m, transposeA, transposeB);
          const wasm = new Float64Array(n * m).fill(Number.NaN);
          const js = new Float64Array(n * m).fill(Number.NaN);
          expect(gemmWasm(A, B, wasm, n, k, m, transposeA, transposeB)).toBe(true);
          gemm(A, B, js, n, k, m, transposeA, transposeB);
          expect(wasm).toEqual(expected);
          expect(js).toEqual(expected);
        }
      }
    });
  }

  it('keeps nothing between calls: small, then large (memory grows), then small again', () => {
    for (const [n, k, m] of [
      [4, 3, 5],
      [300, 200, 150],
      [4, 3, 5],
      [2, 2, 2],
    ] as const) {
      const { A, B } = operands(n, k, m, n * m);
      const C = new Float64Array(n * m);
      expect(gemmWasm(A, B, C, n, k, m, false, true)).toBe(true);
      expect(C).toEqual(naive(A, B, n, k, m, false, true));
    }
  });

  it('makes no new view of its memory when called again with a shape it has seen (no allocation)', () => {
    const { A, B } = operands(211, 20, 3, 7);
    const C = new Float64Array(633);
    gemmWasm(A, B, C, 211, 20, 3, false, false);
    const subarray = vi.spyOn(Float64Array.prototype, 'subarray');
    gemmWasm(A, B, C, 211, 20, 3, false, false);
    gemmWasm(A, B, C, 211, 20, 3, true, true);
    expect(subarray).not.toHaveBeenCalled();
    expect(C).toEqual(naive(A, B, 211, 20, 3, true, true));
  });

  it('declines on a runtime without WebAssembly SIMD, and matmul then runs the JavaScript kernel', async () => {
    vi.resetModules();
    vi.doMock('../../wasm-module', () => ({ compileWasmModule: () => null, instantiateWasm: () => null }));
    try {
      const fresh = await import('./gemm-wasm');
      const { matmul } = await import('../../matmul');
      const { Tensor } = await import('../../tensor');
      const { A, B } = operands(7, 5, 3, 11);
      expect(fresh.gemmWasm(A, B, new Float64Array(21), 7, 5, 3, false, false)).toBe(false);
      const product = matmul(new Tensor(A, [7, 5]), new Tensor(B, [3, 5]), { transposeB: true });
      expect(product.data).toEqual(naive(A, B, 7, 5, 3, false, true));
    } finally {
      vi.doUnmock('../../wasm-module');
      vi.resetModules();
    }
  });
});
