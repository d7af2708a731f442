/** The default output directory of `lab train`, relative to the working directory. */
export const TRAIN_OUT_DIR = 'out/train';

/** The default output directory of `lab sweep`, relative to the working directory. */
export const SWEEP_OUT_DIR = 'out/sweep';
