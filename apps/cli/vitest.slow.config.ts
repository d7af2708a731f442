import { defineConfig } from 'vitest/config';
import '../../vitest.shared.ts';

// The slow suite: the example configs that train long (the course's three models on football.mat,
// CS231n's deep MLP on MNIST). Its own config, not merged with the shared one: merging would
// concatenate the include lists.
export default defineConfig({ test: { include: ['test/**/*.slow.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 } });
