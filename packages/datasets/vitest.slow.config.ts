// The slow project: only `*.slow.test.ts` (evidence runs such as the football lesson); `pnpm test:slow` runs it.
export { slowTests as default } from '../../vitest.shared.ts';
