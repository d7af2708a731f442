import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.base.ts';

/**
 * The two parsers are bundled in: as separate packages they took about two thirds of the time to
 * import `@lab/datasets` (fflate's Node build loads worker_threads, papaparse goes through Node's
 * CommonJS loader), which every `lab` command pays before it can report a config error. `neutral`
 * picks fflate's plain-JavaScript build, which keeps the bundle browser-safe. Their licenses ship in
 * THIRD_PARTY_NOTICES.md (`node scripts/third-party-notices.mjs --write`).
 */
export default defineConfig({ ...baseConfig, noExternal: ['fflate', 'papaparse'], platform: 'neutral' });
