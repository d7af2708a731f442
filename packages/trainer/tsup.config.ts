import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/**
 * Four entries: the browser-safe library (`.`), its config readers alone (`./config`, see below),
 * the Node-only executors (`./node`: worker threads, the journal file, Redis), and the script every
 * pool thread runs. `shims` gives the CommonJS build an `import.meta.url`, by which the node entry
 * finds the thread script and itself.
 *
 * `./config` is for command lines that validate a config before anything else: one self-contained
 * file with zod inside (zod's own ESM build is about a hundred modules, most of a config error's
 * time to load). Its schemas are not exported, so its zod never meets the one of the main entry.
 */
export default defineConfig([
  {
    ...baseConfig,
    entry: { index: 'src/index.ts', node: 'src/node/index.ts', 'pool-worker': 'src/node/pool-worker.ts' },
    shims: true,
  },
  {
    ...baseConfig,
    entry: { config: 'src/config-entry.ts' },
    noExternal: ['zod'],
    clean: false,
    shims: true,
  },
]);
