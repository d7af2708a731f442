import { defineConfig } from 'vitest/config';
import shared from '../../../../vitest.shared.ts';

// A tiny project for football-gate.test.ts: the shared settings on two files of tests, some tagged football.
// JavaScript, so that the typecheck does not follow it into the root's tool settings.
export default defineConfig({ ...shared, test: { ...shared.test, include: ['*.gate.ts'] } });
