import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/**
 * apps/cli is ESM only: the executable `dist/lab.js` (with a shebang), the worker threads' task
 * modules, and one chunk per command, which it imports only when that command runs (code splitting
 * keeps the chunks' imports of the trainer, vega, … out of `lab --help`). Bundled in: the
 * experiments (private workspace packages, devDependencies), so that the published CLI depends only
 * on published packages, and commander and yaml, which only the CLI uses: a chunk instead of their
 * CommonJS modules loaded one by one, which a config error's start-up would wait for. Every other
 * dependency stays external. The banner gives the bundled CommonJS a `require` (for `node:events` and co.).
 */
export default defineConfig({
  ...baseConfig,
  entry: ['src/lab.ts', 'src/batchnorm-worker.ts', 'src/regularization-worker.ts'],
  format: ['esm'],
  dts: false,
  splitting: true,
  noExternal: [/^@lab\/experiment-/, 'commander', 'yaml'],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __labCreateRequire } from 'node:module';\nconst require = __labCreateRequire(import.meta.url);",
  },
});
