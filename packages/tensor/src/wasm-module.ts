// The few WebAssembly APIs lab's SIMD kernels use, typed here: the ES2022 lib the packages
// compile against (they must not pull in the DOM lib) has no WebAssembly declarations.

/** A WebAssembly.Memory: `grow` detaches `buffer`, so views over it must be made again. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A compiled WebAssembly.Module, ready to instantiate. */
export interface WasmModule {
  readonly brand?: 'WebAssembly.Module';
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports?: object) => { readonly exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * Decodes a base64 WebAssembly module (as the packages ship their kernels) and compiles it.
 * @returns the module, or null when this runtime has no WebAssembly or rejects the module
 *   (e.g. no SIMD support): callers then fall back to their JavaScript kernels
 */
export function compileWasmModule(base64: string): WasmModule | null {
  if (wasmApi === undefined) return null;
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return wasmApi.validate(bytes) ? new wasmApi.Module(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * A new instance of a module from {@link compileWasmModule}: with its own memory when the module
 * defines one, or with the memory passed in `imports` (`{ env: { memory } }`) when it imports one.
 * @returns the instance's exports, typed by the caller
 */
export function instantiateWasm<Exports>(module: WasmModule, imports?: object): Exports {
  if (wasmApi === undefined) throw new Error('instantiateWasm: this runtime has no WebAssembly');
  return new wasmApi.Instance(module, imports).exports as Exports;
}

const WASM_PAGE_BYTES = 65536;

/**
 * A WebAssembly memory of exactly the whole 64 KiB pages that hold `bytes`, which cannot grow
 * (so views over it are never detached).
 * @throws Error when this runtime has no WebAssembly, or refuses a memory that large
 */
export function createWasmMemory(bytes: number): WasmMemory {
  if (wasmApi === undefined) throw new Error('createWasmMemory: this runtime has no WebAssembly');
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE_BYTES));
  return new wasmApi.Memory({ initial: pages, maximum: pages });
}

/**
 * Grows a module's memory to hold at least `bytes` (whole 64 KiB pages). Growing detaches
 * `memory.buffer`: views over the old buffer must be made again (compare `view.buffer` with
 * `memory.buffer`).
 * @returns false, leaving the memory as it was, when the runtime refuses to grow it that far
 */
export function growWasmMemory(memory: WasmMemory, bytes: number): boolean {
  const pages = Math.ceil(bytes / WASM_PAGE_BYTES) - memory.buffer.byteLength / WASM_PAGE_BYTES;
  if (pages <= 0) return true;
  try {
    memory.grow(pages);
    return true;
  } catch {
    return false;
  }
}
