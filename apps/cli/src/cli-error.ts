import { LabError } from '@lab/tensor';

/**
 * A mistake in how the CLI was used that no library reports itself: an unreadable config
 * file, a config format it does not know, an output directory it cannot write. A `LabError`,
 * so `run` prints its one-line message and exits 1.
 */
export class CliError extends LabError {
  override name = 'CliError';
}
