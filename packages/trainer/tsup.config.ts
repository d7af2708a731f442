import { rmSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Five entries: the browser-safe library (`.`), its config readers alone (`./config`, see below),
 * the Node-only executors (`./node`: worker threads, the journal file, Redis), the worker pool
 * alone (`./pool`, so that a command line starts its threads before it loads the rest), and the
 * script every pool thread runs. `shims` gives the CommonJS build an `import.meta.url`, by which the node entry
 * finds the thread script and itself.
 *
 * `./config` is for command lines that validate a config before anything else: one self-contained
 * file with zod inside (zod's own ESM build is about a hundred modules, a large part of a config error's
 * time to load). Its schemas are not exported, so its zod never meets the one of the main entry.
 *
 * The two builds run at once into one dist/, so neither may clean it (tsup's `clean` would delete
 * the other's files, its declarations included): dist/ is emptied here, once, before both.
 */
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

/**
 * zod's classic entry re-exports every one of its ~60 message locales (about 360 KB, the larger part of
 * the bundle); config errors are in English, so the bundle keeps `en` alone.
 */
const englishOnlyZodLocales: Plugin = {
  name: 'english-only-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`) ? { path: 'zod-locales', namespace: 'english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'english-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    }));
  },
};

export default defineConfig([
  {
    ...baseConfig,
    entry: { index: 'src/index.ts', node: 'src/node/index.ts', pool: 'src/pool-entry.ts', 'pool-worker': 'src/node/pool-worker.ts' },
    clean: false,
    shims: true,
  },
  {
    ...baseConfig,
    entry: { config: 'src/config-entry.ts' },
    noExternal: ['zod'],
    esbuildPlugins: [englishOnlyZodLocales],
    clean: false,
    shims: true,
  },
]);
