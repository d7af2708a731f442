import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { assembleWat, renderWasmModule } from '../../../../../scripts/wat-module.mjs';
import { BATCHNORM_KERNELS_WASM_BASE64 } from './batchnorm-kernels.wasm';
import { DENSE_KERNELS_WASM_BASE64 } from './dense-kernels.wasm';
import { ELEMENTWISE_KERNELS_WASM_BASE64 } from './elementwise-kernels.wasm';
import { GEMM_KERNELS_WASM_BASE64 } from './gemm-kernels.wasm';

describe('the wasm backend’s modules', () => {
  for (const [wat, exportName, committed] of [
    ['gemm-kernels.wat', 'GEMM_KERNELS_WASM_BASE64', GEMM_KERNELS_WASM_BASE64],
    ['dense-kernels.wat', 'DENSE_KERNELS_WASM_BASE64', DENSE_KERNELS_WASM_BASE64],
    ['batchnorm-kernels.wat', 'BATCHNORM_KERNELS_WASM_BASE64', BATCHNORM_KERNELS_WASM_BASE64],
    ['elementwise-kernels.wat', 'ELEMENTWISE_KERNELS_WASM_BASE64', ELEMENTWISE_KERNELS_WASM_BASE64],
  ] as const) {
    it(`the committed module is exactly what scripts/wat-module.mjs makes from ${wat}`, async () => {
      const bytes: Uint8Array = await assembleWat(fileURLToPath(new URL(`./${wat}`, import.meta.url)));
      expect(committed).toBe(btoa(String.fromCharCode(...bytes)));
      expect(renderWasmModule(bytes, exportName, wat)).toContain(committed.slice(0, 100));
    });
  }

  it('on a runtime without WebAssembly SIMD, wasm falls back to js, visibly, and the ops still run', async () => {
    vi.resetModules();
    vi.doMock('../../wasm-module', async (original) => ({
      ...(await original<typeof import('../../wasm-module')>()),
      compileWasmModule: () => null,
    }));
    try {
      const backend = await import('../../backend');
      const { createArena } = await import('../../arena');
      const { matmul } = await import('../../matmul');
      const { tensor } = await import('../../create');
      expect(backend.isWasmAvailable()).toBe(false);
      expect(backend.setBackend('wasm')).toBe('js');
      expect(backend.getBackend()).toBe('js');
      expect(createArena([4], { backend: 'wasm' }).backend).toBe('js');
      const product = matmul(tensor([[1, 2]]), tensor([[3], [4]]));
      expect(Array.from(product.data)).toEqual([11]);
    } finally {
      vi.doUnmock('../../wasm-module');
      vi.resetModules();
    }
  });
});
