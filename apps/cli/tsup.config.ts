import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/**
 * apps/cli is ESM only: the executable `dist/lab.js` (with a shebang) and one chunk per
 * command, which it imports only when that command runs (code splitting keeps the chunks'
 * imports of the trainer, vega, … out of `lab --help`). The experiments (private workspace
 * packages, devDependencies) are bundled in, so that the published CLI depends only on
 * published packages; every other dependency stays external.
 */
export default defineConfig({
  ...baseConfig,
  entry: ['src/lab.ts', 'src/batchnorm-worker.ts', 'src/regularization-worker.ts'],
  format: ['esm'],
  dts: false,
  splitting: true,
  noExternal: [/^@lab\/experiment-/],
  banner: { js: '#!/usr/bin/env node' },
});
