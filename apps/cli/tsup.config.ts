import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/**
 * Resolves `@lab/<package>` to that workspace package's TypeScript source instead of its built
 * entry, so that esbuild bundles only the modules a thread reaches (every package is free of side
 * effects): the trainer's index alone would bring zod, the data-file readers and the run records.
 */
const workspaceSources: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'lab-workspace-sources',
  setup(build) {
    // `@lab/trainer` → packages/trainer/src/index.ts, `@lab/trainer/node` → …/src/node/index.ts.
    build.onResolve({ filter: /^@lab\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
      const [name, entry] = args.path.slice('@lab/'.length).split('/');
      const file = entry === undefined ? 'src/index.ts' : `src/${entry}/index.ts`;
      const source = fileURLToPath(new URL(`../../packages/${name}/${file}`, import.meta.url));
      return existsSync(source) ? { path: source } : undefined;
    });
  },
};

/**
 * The two builds run at once into one dist/, so neither may clean it (tsup's `clean` would delete
 * the other's files): dist/ is emptied here, once, before both.
 */
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

/**
 * apps/cli is ESM only: the executable `dist/lab.js` (with a shebang) and one chunk per command, which it imports only when that command runs (code splitting
 * keeps the chunks' imports of the trainer, vega, … out of `lab --help`). Bundled in: the
 * experiments (private workspace packages, devDependencies), so that the published CLI depends only
 * on published packages, and commander and yaml, which only the CLI uses: a chunk instead of their
 * CommonJS modules loaded one by one, which a config error's start-up would wait for. Every other
 * dependency stays external. The banner gives the bundled CommonJS a `require` (for `node:events` and co.).
 *
 * `dist/regularization-worker.js`, `dist/sweep-worker.js` and `dist/batchnorm-worker.js`, the task
 * modules of the commands' threads, are built on their own, each self-contained: the
 * training code it reaches, from the workspace's sources (see {@link workspaceSources}), in one
 * file that a thread loads in a few tens of milliseconds, where the packages' entries would load
 * zod too (a fifth of a second per thread, on the run's critical path).
 */
export default defineConfig([
  {
    ...baseConfig,
    entry: ['src/lab.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    splitting: true,
    noExternal: [/^@lab\/experiment-/, 'commander', 'yaml'],
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __labCreateRequire } from 'node:module';\nconst require = __labCreateRequire(import.meta.url);",
    },
  },
  {
    ...baseConfig,
    entry: ['src/regularization-worker.ts', 'src/sweep-worker.ts', 'src/batchnorm-worker.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    splitting: false,
    noExternal: [/^@lab\//],
    esbuildPlugins: [workspaceSources],
  },
]);
