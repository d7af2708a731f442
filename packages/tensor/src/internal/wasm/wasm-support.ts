import { compileWasmModule, type WasmModule } from '../../wasm-module';
import { BATCHNORM_KERNELS_WASM_BASE64 } from './batchnorm-kernels.wasm';
import { DENSE_KERNELS_WASM_BASE64 } from './dense-kernels.wasm';
import { ELEMENTWISE_KERNELS_WASM_BASE64 } from './elementwise-kernels.wasm';
import { GEMM_KERNELS_WASM_BASE64 } from './gemm-kernels.wasm';

/** The compiled kernel modules of the `wasm` backend; each imports its memory from the arena. */
export interface KernelModules {
  readonly gemm: WasmModule;
  readonly dense: WasmModule;
  readonly batchnorm: WasmModule;
  readonly elementwise: WasmModule;
}

let modules: KernelModules | null | undefined;

/** The kernel modules, compiled on first use; null when this runtime cannot run one of them (no WebAssembly SIMD). */
export function kernelModules(): KernelModules | null {
  if (modules === undefined) {
    const gemm = compileWasmModule(GEMM_KERNELS_WASM_BASE64);
    const dense = compileWasmModule(DENSE_KERNELS_WASM_BASE64);
    const batchnorm = compileWasmModule(BATCHNORM_KERNELS_WASM_BASE64);
    const elementwise = compileWasmModule(ELEMENTWISE_KERNELS_WASM_BASE64);
    modules = gemm && dense && batchnorm && elementwise ? { gemm, dense, batchnorm, elementwise } : null;
  }
  return modules;
}

/** True when the `wasm` backend can run here: every kernel module compiles (WebAssembly with SIMD). */
export function wasmSimdSupported(): boolean {
  return kernelModules() !== null;
}
