import { createRequire } from 'node:module';
import { CLI_VERSION } from './version';

/** The @lab libraries whose versions go into every run record's environment. */
const LAB_PACKAGES = [
  '@lab/tensor',
  '@lab/layers',
  '@lab/regularizers',
  '@lab/batchnorm',
  '@lab/datasets',
  '@lab/trainer',
  '@lab/run-record',
  '@lab/report',
] as const;

/**
 * Package name → version of every @lab package this CLI runs with, read from each package's
 * own `package.json` (exported as `<name>/package.json`), plus `@lab/cli` itself.
 * A package that does not export its package.json is left out rather than guessed.
 */
export function labPackageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of LAB_PACKAGES) {
    try {
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    }
  }
  versions['@lab/cli'] = CLI_VERSION;
  return versions;
}
