import type { Options } from 'tsup';

/** Shared tsup settings: every library ships ESM + CJS with its own .d.ts/.d.cts. */
export const baseConfig: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: false,
  treeshake: true,
};
