/**
 * The defaults of `lab experiment batchnorm` that the program needs to describe its options,
 * apart from the command module so that `--help` does not load the trainer.
 */

/** The default output directory of `lab experiment batchnorm`, relative to the working directory. */
export const BATCHNORM_OUT_DIR = 'out/batchnorm';
