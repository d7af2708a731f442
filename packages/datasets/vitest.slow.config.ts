import { defineConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** The slow project: only `*.slow.test.ts` (evidence runs such as the football lesson); `pnpm test:slow` runs it. */
export default defineConfig({
  ...shared,
  test: { ...shared.test, include: ['test/**/*.slow.test.ts'], exclude: ['**/node_modules/**', '**/dist/**'], testTimeout: 600_000 },
});
