import { defineConfig } from 'vitest/config';
import '../../../vitest.shared.ts';

// The slow suite: reproducing the published results (3 models × 30000 iterations on football.mat).
// Its own config, not merged with the shared one: merging would concatenate the include lists.
export default defineConfig({ test: { include: ['test/**/*.slow.test.ts'], testTimeout: 600_000 } });
