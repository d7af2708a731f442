import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/** apps/report is private and ESM only (vega and the mdast utilities are ESM only too). */
export default defineConfig({ ...baseConfig, format: ['esm'] });
