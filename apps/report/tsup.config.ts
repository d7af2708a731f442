import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/**
 * apps/report is ESM only (vega and the mdast utilities are ESM only too). vega, vega-lite and the
 * markdown libraries are bundled in, each reached by its own chunk: their own builds are some three
 * hundred modules, which Node resolves and loads one by one (vega alone took 280 ms to import, 115
 * bundled). vega stays a dependency: `report.html` inlines its browser build from the package.
 */
export default defineConfig({
  ...baseConfig,
  format: ['esm'],
  splitting: true,
  noExternal: ['vega', 'vega-lite', 'mdast-util-gfm', 'mdast-util-to-markdown', 'micromark', 'micromark-extension-gfm'],
});
