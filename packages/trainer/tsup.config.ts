import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/**
 * Three entries: the browser-safe library (`.`), the Node-only executors (`./node`: worker
 * threads, the journal file, Redis), and the script every pool thread runs. `shims` gives the
 * CommonJS build an `import.meta.url`, by which the node entry finds the thread script and itself.
 */
export default defineConfig({
  ...baseConfig,
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', 'pool-worker': 'src/node/pool-worker.ts' },
  shims: true,
});
