import { createRequire } from 'node:module';

/**
 * The CLI's version, read from its package.json as the CLI starts rather than bundled at build
 * time, so that a release's version bump (`changeset version`) is what `lab --version` prints.
 * `src/` and `dist/` both sit one folder below package.json.
 */
export const CLI_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
