/**
 * The defaults of `lab experiment batchnorm` that the CLI needs to describe its options: a
 * module without imports, so that `lab --help` loads nothing else of the experiment.
 */

/** The default output directory, relative to the working directory. */
export const BATCHNORM_OUT_DIR = 'out/batchnorm';
