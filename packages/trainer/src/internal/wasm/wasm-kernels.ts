import { compileWasmModule, instantiateWasm, type WasmMemory, type WasmModule } from '@lab/tensor';
import type { DenseKernels } from '../dense-kernels';
import { storeGrad, weightAt } from '../feature-major-kernels';
import { DENSE_KERNELS_WASM_BASE64 } from './dense-kernels.wasm';

interface KernelExports {
  readonly memory: WasmMemory;
  forward4x2(...args: number[]): void;
  dot2x4(d0: number, d1: number, a0: number, a1: number, a2: number, a3: number, bytes: number, out: number): void;
  dot4x2(d0: number, d1: number, d2: number, d3: number, a0: number, a1: number, bytes: number, out: number): void;
  transposed4x4(...args: number[]): void;
  reluGradient(d: number, a: number, bytes: number, keepProb: number): void;
  reluMask(d: number, a: number, bytes: number): void;
  reluDropout(z: number, mask: number, bytes: number, keepProb: number): void;
}

const PAGE = 65536;
let compiled: WasmModule | null | undefined;

/** Compiles the module once; null when this runtime has no WebAssembly SIMD. */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) compiled = compileWasmModule(DENSE_KERNELS_WASM_BASE64);
  return compiled;
}

/**
 * The WebAssembly SIMD kernels (dense-kernels.wat), each instance with its own memory, or
 * null when the runtime cannot run them. Buffers are views into that memory; the kernels get
 * their byte offsets. Same loops and blocking as the JavaScript kernels, two examples per
 * instruction; the forward pass is bit-identical to them, the gradient sums are reordered.
 */
export function createWasmKernels(): DenseKernels | null {
  const module = kernelModule();
  if (module === null) return null;
  const kernels = instantiateWasm<KernelExports>(module);
  let rowBytes = 0;
  let zero = 0; // byte offset of a row of zeros, never written
  let sink = 0; // byte offset of a row that absorbs writes past the last unit
  let dotOut = 0; // byte offset of the 8 products and up to 4 row sums dot2x4/dot4x2 write
  let results = new Float64Array(0);

  const forward4x2 = kernels.forward4x2;
  const dot2x4 = kernels.dot2x4;
  const dot4x2 = kernels.dot4x2;
  const transposed4x4 = kernels.transposed4x4;

  return {
    name: 'webassembly',
    allocate(lengths, rowLength) {
      if (rowLength % 2 !== 0) throw new Error(`WebAssembly kernels need an even row length, got ${rowLength}`);
      rowBytes = rowLength * 8;
      const sizes = [...lengths.map((length) => length * 8), rowBytes, rowBytes, 96];
      const total = sizes.reduce((sum, size) => sum + align16(size), 0);
      const memory = kernels.memory;
      const needed = Math.ceil(total / PAGE) - memory.buffer.byteLength / PAGE;
      if (needed > 0) memory.grow(needed);
      const heap = new Float64Array(memory.buffer);
      heap.fill(0, 0, total / 8);
      let offset = 0;
      const views = sizes.map((size) => {
        const view = new Float64Array(memory.buffer, offset, size / 8);
        offset += align16(size);
        return view;
      });
      const [zeroRow, sinkRow, out] = views.slice(-3);
      zero = zeroRow.byteOffset;
      sink = sinkRow.byteOffset;
      dotOut = out.byteOffset;
      results = out;
      return views.slice(0, lengths.length);
    },

    linearForward(w, b, a, z, inUnits, outUnits) {
      const base = a.byteOffset;
      for (let k = 0; k < outUnits; k += 4) {
        const z0 = z.byteOffset + k * rowBytes;
        const z1 = k + 1 < outUnits ? z0 + rowBytes : sink;
        const z2 = k + 2 < outUnits ? z0 + 2 * rowBytes : sink;
        const z3 = k + 3 < outUnits ? z0 + 3 * rowBytes : sink;
        const b0 = b[k];
        const b1 = k + 1 < outUnits ? b[k + 1] : 0;
        const b2 = k + 2 < outUnits ? b[k + 2] : 0;
        const b3 = k + 3 < outUnits ? b[k + 3] : 0;
        for (let j = 0; j < inUnits; j += 2) {
          const a0 = base + j * rowBytes;
          const a1 = j + 1 < inUnits ? a0 + rowBytes : zero;
          forward4x2(
            z0,
            z1,
            z2,
            z3,
            a0,
            a1,
            weightAt(w, k, j, inUnits, outUnits),
            weightAt(w, k, j + 1, inUnits, outUnits),
            weightAt(w, k + 1, j, inUnits, outUnits),
            weightAt(w, k + 1, j + 1, inUnits, outUnits),
            weightAt(w, k + 2, j, inUnits, outUnits),
            weightAt(w, k + 2, j + 1, inUnits, outUnits),
            weightAt(w, k + 3, j, inUnits, outUnits),
            weightAt(w, k + 3, j + 1, inUnits, outUnits),
            b0,
            b1,
            b2,
            b3,
            j === 0 ? 1 : 0,
            rowBytes,
          );
        }
      }
    },

    linearWeightGrad(dz, a, w, dw, db, inUnits, outUnits, l2Scale) {
      const dBase = dz.byteOffset;
      const aBase = a.byteOffset;
      // The bias gradients Σ dz come out of the j = 0 block's pass (results 8…11).
      if (inUnits <= 2) {
        for (let k = 0; k < outUnits; k += 4) {
          const d0 = dBase + k * rowBytes;
          const d1 = k + 1 < outUnits ? d0 + rowBytes : zero;
          const d2 = k + 2 < outUnits ? d0 + 2 * rowBytes : zero;
          const d3 = k + 3 < outUnits ? d0 + 3 * rowBytes : zero;
          for (let j = 0; j < inUnits; j += 2) {
            const a0 = aBase + j * rowBytes;
            const a1 = j + 1 < inUnits ? a0 + rowBytes : zero;
            dot4x2(d0, d1, d2, d3, a0, a1, rowBytes, dotOut);
            for (let r = 0; r < 4; r++) storeGrad(dw, w, k + r, j, inUnits, outUnits, l2Scale, 2, results[2 * r], results[2 * r + 1], 0, 0);
            if (j === 0) for (let r = 0; r < 4 && k + r < outUnits; r++) db[k + r] = results[8 + r];
          }
        }
        return;
      }
      for (let k = 0; k < outUnits; k += 2) {
        const d0 = dBase + k * rowBytes;
        const d1 = k + 1 < outUnits ? d0 + rowBytes : zero;
        for (let j = 0; j < inUnits; j += 4) {
          const a0 = aBase + j * rowBytes;
          const a1 = j + 1 < inUnits ? a0 + rowBytes : zero;
          const a2 = j + 2 < inUnits ? a0 + 2 * rowBytes : zero;
          const a3 = j + 3 < inUnits ? a0 + 3 * rowBytes : zero;
          dot2x4(d0, d1, a0, a1, a2, a3, rowBytes, dotOut);
          storeGrad(dw, w, k, j, inUnits, outUnits, l2Scale, 4, results[0], results[1], results[2], results[3]);
          storeGrad(dw, w, k + 1, j, inUnits, outUnits, l2Scale, 4, results[4], results[5], results[6], results[7]);
          if (j === 0) {
            db[k] = results[8];
            if (k + 1 < outUnits) db[k + 1] = results[9];
          }
        }
      }
    },

    reluInputGrad(w, dz, aPrev, dzPrev, inUnits, outUnits, keepProb) {
      const pBase = dzPrev.byteOffset;
      const dBase = dz.byteOffset;
      for (let j = 0; j < inUnits; j += 4) {
        const p0 = pBase + j * rowBytes;
        const p1 = j + 1 < inUnits ? p0 + rowBytes : sink;
        const p2 = j + 2 < inUnits ? p0 + 2 * rowBytes : sink;
        const p3 = j + 3 < inUnits ? p0 + 3 * rowBytes : sink;
        for (let k = 0; k < outUnits; k += 4) {
          const e0 = dBase + k * rowBytes;
          const e1 = k + 1 < outUnits ? e0 + rowBytes : zero;
          const e2 = k + 2 < outUnits ? e0 + 2 * rowBytes : zero;
          const e3 = k + 3 < outUnits ? e0 + 3 * rowBytes : zero;
          // Row j of wᵀ is column j of w.
          transposed4x4(
            p0,
            p1,
            p2,
            p3,
            e0,
            e1,
            e2,
            e3,
            weightAt(w, k, j, inUnits, outUnits),
            weightAt(w, k + 1, j, inUnits, outUnits),
            weightAt(w, k + 2, j, inUnits, outUnits),
            weightAt(w, k + 3, j, inUnits, outUnits),
            weightAt(w, k, j + 1, inUnits, outUnits),
            weightAt(w, k + 1, j + 1, inUnits, outUnits),
            weightAt(w, k + 2, j + 1, inUnits, outUnits),
            weightAt(w, k + 3, j + 1, inUnits, outUnits),
            weightAt(w, k, j + 2, inUnits, outUnits),
            weightAt(w, k + 1, j + 2, inUnits, outUnits),
            weightAt(w, k + 2, j + 2, inUnits, outUnits),
            weightAt(w, k + 3, j + 2, inUnits, outUnits),
            weightAt(w, k, j + 3, inUnits, outUnits),
            weightAt(w, k + 1, j + 3, inUnits, outUnits),
            weightAt(w, k + 2, j + 3, inUnits, outUnits),
            weightAt(w, k + 3, j + 3, inUnits, outUnits),
            k === 0 ? 1 : 0,
            rowBytes,
          );
        }
      }
      if (keepProb === 1) kernels.reluMask(pBase, aPrev.byteOffset, inUnits * rowBytes);
      else kernels.reluGradient(pBase, aPrev.byteOffset, inUnits * rowBytes, keepProb);
    },

    reluDropout(z, mask, keepProb) {
      kernels.reluDropout(z.byteOffset, mask === null ? 0 : mask.byteOffset, z.length * 8, keepProb);
    },
  };

  function align16(bytes: number): number {
    return Math.ceil(bytes / 16) * 16;
  }
}
