import { describe, expect, it } from 'vitest';
import { growWasmMemory, type WasmMemory } from './wasm-module';

// The packages compile without the DOM lib, which declares WebAssembly: type the one constructor used here.
const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: new (pages: { initial: number; maximum: number }) => WasmMemory } })
  .WebAssembly;

describe('growWasmMemory', () => {
  const PAGE = 65536;

  it('grows to whole pages holding the bytes asked for, and leaves a large enough memory alone', () => {
    const memory = new Memory({ initial: 1, maximum: 3 });
    const before = memory.buffer;
    expect(growWasmMemory(memory, PAGE)).toBe(true);
    expect(memory.buffer).toBe(before);
    expect(growWasmMemory(memory, PAGE + 1)).toBe(true);
    expect(memory.buffer.byteLength).toBe(2 * PAGE);
    expect(before.byteLength).toBe(0); // detached by the growth
  });

  it('says false and keeps the memory as it was when the runtime refuses', () => {
    const memory = new Memory({ initial: 1, maximum: 2 });
    expect(growWasmMemory(memory, 3 * PAGE)).toBe(false);
    expect(memory.buffer.byteLength).toBe(PAGE);
  });
});
