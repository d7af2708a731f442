import packageJson from '../package.json';

/** The CLI's version, from apps/cli/package.json (bundled into dist/lab.js at build time). */
export const CLI_VERSION: string = packageJson.version;
