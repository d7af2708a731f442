// Apart from the schemas (zod): writers of records need the version alone.

/**
 * The run record: everything one run produced, as versioned JSON. The trainer writes the
 * `train` kind, applications write their own kinds from the pieces here, and
 * `@lab/report` reads them; bump {@link RUN_RECORD_VERSION} on any change that an older reader
 * would misread, and keep reading every older version ({@link RUN_RECORD_VERSIONS}).
 *
 * - 1: the first format.
 * - 2: a `train` record holds the resolved run config it ran (`config`, required), so that
 *   `lab train --config run.json` runs it again; `environment.gitCommit`; data files' SHA-256;
 *   multi-class data (`dataset.classes`, decision grids of predicted classes); any network
 *   (`architecture.layers`, `loss`); the schedule, batching, epochs, early stopping and resume.
 */
export const RUN_RECORD_VERSION = 2;

/** Every version this package reads, oldest first. */
export const RUN_RECORD_VERSIONS: readonly number[] = [1, 2];
