import { ConfigError } from './errors';
import { wasmSimdSupported } from './internal/wasm/wasm-support';

/**
 * Where lab's kernels run: `js`, plain JavaScript loops (the readable reference, and what runs
 * everywhere), or `wasm`, WebAssembly SIMD (two float64 lanes per instruction, no bounds checks).
 */
export type BackendName = 'js' | 'wasm';

let requested: BackendName = 'wasm';

/**
 * Picks the backend of every op and arena created afterwards (an arena keeps the backend it was
 * created with). `wasm` is the default; where the runtime has no WebAssembly SIMD, asking for it
 * gives `js`, which {@link getBackend} then reports.
 * @param name - `'js'` or `'wasm'`
 * @returns the backend now in use: `name`, or `'js'` when `'wasm'` cannot run here
 * @throws ConfigError for any other name
 */
export function setBackend(name: BackendName): BackendName {
  if (name !== 'js' && name !== 'wasm') {
    throw new ConfigError(`setBackend: backend must be 'js' or 'wasm', got ${JSON.stringify(name)}`);
  }
  requested = name;
  return getBackend();
}

/**
 * The backend in use: what {@link setBackend} asked for, except `'js'` where `'wasm'` was asked
 * for and the runtime has no WebAssembly SIMD.
 */
export function getBackend(): BackendName {
  return requested === 'wasm' && wasmSimdSupported() ? 'wasm' : 'js';
}

/**
 * The backend that runs when `name` is asked for (the current one when `name` is undefined):
 * `'wasm'` falls back to `'js'` without WebAssembly SIMD.
 * @throws ConfigError for an unknown name
 */
export function resolveBackend(name: BackendName | undefined): BackendName {
  if (name === undefined) return getBackend();
  if (name !== 'js' && name !== 'wasm') {
    throw new ConfigError(`backend must be 'js' or 'wasm', got ${JSON.stringify(name)}`);
  }
  return name === 'wasm' && wasmSimdSupported() ? 'wasm' : 'js';
}

/** True when this runtime can run the `wasm` backend (WebAssembly with the SIMD proposal). */
export function isWasmAvailable(): boolean {
  return wasmSimdSupported();
}
