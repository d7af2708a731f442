import { compileWasmModule, growWasmMemory, instantiateWasm, type WasmMemory, type WasmModule } from '@lab/tensor';
import type { DenseKernels } from '../dense-kernels';
import { DENSE_KERNELS_WASM_BASE64 } from './dense-kernels.wasm';

/** dense-kernels.wat's exports; every pointer is a byte offset into `memory`. */
interface KernelExports {
  readonly memory: WasmMemory;
  forwardHidden(w: number, b: number, a: number, z: number, inUnits: number, outUnits: number, rowBytes: number): void;
  dropout(z: number, mask: number, bytes: number, keepProb: number): void;
  forwardSigmoid(
    w: number,
    b: number,
    a: number,
    out: number,
    inUnits: number,
    rowBytes: number,
    labels: number,
    scale: number,
    dz: number,
    db: number,
  ): void;
  backwardHidden(
    w: number,
    dzNext: number,
    a: number,
    dz: number,
    dw: number,
    db: number,
    inUnits: number,
    outUnits: number,
    rowBytes: number,
    keepProb: number,
  ): void;
  weightGradient(dz: number, a: number, dw: number, inUnits: number, rows: number, rowBytes: number): void;
}

let compiled: WasmModule | null | undefined;

/** Compiles the module once; null when this runtime has no WebAssembly SIMD. */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) compiled = compileWasmModule(DENSE_KERNELS_WASM_BASE64);
  return compiled;
}

/**
 * The WebAssembly SIMD kernels (dense-kernels.wat), each instance with its own memory, or
 * null when the runtime cannot run them. Buffers are views into that memory and the kernels
 * get their byte offsets.
 */
export function createWasmKernels(): DenseKernels | null {
  const module = kernelModule();
  if (module === null) return null;
  const kernels = instantiateWasm<KernelExports>(module);
  let rowBytes = 0;
  let zeroRow = 0; // a row of zeros, never written: the labels and scale of a forward pass without delta
  let sinkRow = 0; // a row (and then 16 bytes) that absorbs that pass's delta and bias gradient
  return {
    name: 'webassembly',
    allocate(lengths, stride) {
      if (stride % 4 !== 0) throw new Error(`WebAssembly kernels need rows of a multiple of four examples, got ${stride}`);
      rowBytes = stride * 8;
      const sizes = [...lengths.map((length) => length * 8), rowBytes, rowBytes + 16];
      const total = sizes.reduce((sum, size) => sum + align16(size), 0);
      const memory = kernels.memory;
      if (!growWasmMemory(memory, total)) throw new Error(`BinaryMlp: WebAssembly memory cannot grow to ${total} bytes`);
      new Float64Array(memory.buffer).fill(0, 0, total / 8);
      let offset = 0;
      const views = sizes.map((size) => {
        const view = new Float64Array(memory.buffer, offset, size / 8);
        offset += align16(size);
        return view;
      });
      zeroRow = views[lengths.length].byteOffset;
      sinkRow = views[lengths.length + 1].byteOffset;
      return views.slice(0, lengths.length);
    },
    forwardHidden(w, b, a, z, inUnits, outUnits) {
      kernels.forwardHidden(w.byteOffset, b.byteOffset, a.byteOffset, z.byteOffset, inUnits, outUnits, rowBytes);
    },
    dropout(z, mask, keepProb) {
      kernels.dropout(z.byteOffset, mask.byteOffset, z.length * 8, keepProb);
    },
    forwardSigmoid(w, b, a, out, inUnits, delta) {
      // Without a delta (prediction) the kernel reads zero labels and scales and writes to the sink.
      const labels = delta === null ? zeroRow : delta.labels.byteOffset;
      const scale = delta === null ? zeroRow : delta.scale.byteOffset;
      const dz = delta === null ? sinkRow : delta.dz.byteOffset;
      const db = delta === null ? sinkRow + rowBytes : delta.db.byteOffset;
      kernels.forwardSigmoid(w.byteOffset, b.byteOffset, a.byteOffset, out.byteOffset, inUnits, rowBytes, labels, scale, dz, db);
    },
    backwardHidden(w, dzNext, a, dz, dw, db, inUnits, outUnits, keepProb) {
      kernels.backwardHidden(
        w.byteOffset,
        dzNext.byteOffset,
        a.byteOffset,
        dz.byteOffset,
        dw.byteOffset,
        db.byteOffset,
        inUnits,
        outUnits,
        rowBytes,
        keepProb,
      );
    },
    weightGradient(dz, a, dw, inUnits, rows) {
      kernels.weightGradient(dz.byteOffset, a.byteOffset, dw.byteOffset, inUnits, rows, rowBytes);
    },
  };
}

function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
